package io.keyledger.local.sqlite;

import static io.keyledger.local.sqlite.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import io.keyledger.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void aNewDatabaseGetsEveryMigrationInWalMode() throws SQLException {
        Path file = dir.resolve("keyledger.db");
        SqliteInventoryStore.open(file, clock).close();

        assertThat(schemaVersions(file)).isEqualTo(allVersions());
        assertThat(query(file, "PRAGMA journal_mode")).containsExactly("wal");
    }

    @Test
    void reopeningAppliesNoMigrationAgainAndKeepsTheData() throws SQLException {
        Path file = dir.resolve("keyledger.db");
        CryptoAsset asset = TestRecords.fullAsset("t1", "k1");
        StoredEvent event = TestRecords.stored("t1", TestRecords.fullEvent(asset.ref(), "e1", T0), Optional.empty());
        LedgerRecord record = TestRecords.ledgerRecord("t1", LedgerHead.EMPTY, T0, Optional.of(asset.id()), Optional.empty());
        RetentionPolicy policy = new RetentionPolicy(Period.ofYears(1), Period.ofMonths(18), Period.ofDays(30));
        LegalHold hold = new LegalHold("t1", Optional.empty(), "litigation", "carol", T0);
        try (SqliteInventoryStore store = SqliteInventoryStore.open(file, clock)) {
            store.putAsset("t1", asset, 0);
            store.insertEvent(event);
            store.appendLedger(record);
            store.putRetentionPolicy("t1", policy);
            store.putLegalHold(hold);
        }

        try (SqliteInventoryStore store = SqliteInventoryStore.open(file, clock)) {
            assertThat(store.asset("t1", asset.id())).contains(new Versioned<>(asset, 1));
            assertThat(store.eventsForKey("t1", asset.id())).containsExactly(event);
            assertThat(store.ledgerHead("t1")).isEqualTo(new LedgerHead(1, record.hash()));
            assertThat(store.retentionPolicy("t1")).isEqualTo(policy);
            assertThat(store.legalHolds("t1")).containsExactly(hold);
            assertThat(store.tenants()).containsExactly("t1");
        }
        assertThat(schemaVersions(file)).isEqualTo(allVersions());
    }

    @Test
    void aDatabaseFromANewerKeyLedgerIsRefused() throws SQLException {
        Path file = dir.resolve("keyledger.db");
        SqliteInventoryStore.open(file, clock).close();
        int newer = Migrations.latestVersion() + 1;
        update(file, "INSERT INTO schema_version (version, applied_at, description) VALUES (" + newer
                + ", '2030-01-01T00:00:00Z', 'from the future')");

        assertThatThrownBy(() -> SqliteInventoryStore.open(file, clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("schema version " + newer)
                .hasMessageContaining("version " + Migrations.latestVersion());
        // Refusing changed nothing.
        assertThat(schemaVersions(file)).contains(newer).hasSize(allVersions().size() + 1);
    }

    @Test
    void missingDirectoriesAreCreated() {
        Path file = dir.resolve("a/b/c/keyledger.db");
        try (SqliteInventoryStore store = SqliteInventoryStore.open(file, clock)) {
            assertThat(store.file()).isEqualTo(file.toAbsolutePath());
            assertThat(store.tenants()).isEmpty();
        }
        assertThat(file).exists();
    }

    @Test
    void aFileThatIsNoDatabaseGivesAnErrorNamingIt() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "this is not a database, only some text that is long enough to be read as a header "
                + "x".repeat(200));

        assertThatThrownBy(() -> SqliteInventoryStore.open(file, clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
    }

    @Test
    void aClosedStoreSaysSo() {
        SqliteInventoryStore store = SqliteInventoryStore.open(dir.resolve("keyledger.db"), clock);
        store.close();
        store.close();

        assertThatThrownBy(() -> store.asset("t1", "aws:k1"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("closed")
                .hasMessageContaining("keyledger.db");
    }

    private static List<Integer> allVersions() {
        return Migrations.ALL.stream().map(Migrations.Migration::version).toList();
    }

    private static List<Integer> schemaVersions(Path file) throws SQLException {
        return query(file, "SELECT version FROM schema_version ORDER BY version").stream().map(Integer::valueOf).toList();
    }

    private static List<String> query(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static void update(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
