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

    /**
     * The ledger's checkpoints are anchored outside the database after the batch that moved the heads commits: a commit
     * must be on disk when it returns (FULL), or a power loss could keep an anchor past the ledger it names.
     */
    @Test
    void everyCommitIsSyncedAndTheLogIsCopiedInLargeSteps() throws SQLException {
        try (Database db = Database.open(dir.resolve("keyledger.db"))) {
            assertThat(pragma(db, "synchronous")).isEqualTo(2);
            assertThat(pragma(db, "wal_autocheckpoint")).isEqualTo(Database.WAL_PAGES_BEFORE_CHECKPOINT);
        }
    }

    private static int pragma(Database db, String name) {
        return db.call("read a setting", d -> {
            try (ResultSet rs = d.prepare("PRAGMA " + name).executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        });
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
    void aDatabaseOfVersionFourMigratesAndItsKeyRecordsReadWithTheirNewFieldsAbsent() throws SQLException {
        Path file = dir.resolve("keyledger.db");
        SqliteInventoryStore.open(file, clock).close();
        // As KeyLedger left it before key stores, owner bases and unknown attributes existed.
        update(file, "DROP TABLE key_stores");
        for (String table : List.of("checkpoints", "archive_segments", "archive_keys", "archived_events", "partner_keys")) {
            update(file, "DROP TABLE " + table);
        }
        update(file, "DELETE FROM schema_version WHERE version >= 5");
        update(file, "INSERT INTO assets (tenant, key_id, revision, provider, state, owner, retained_until, json)"
                + " VALUES ('t1', 'aws:arn:aws:kms:us-east-1:111122223333:key/k1', 3, 'AWS', 'ACTIVE', 'alice', NULL, '"
                + "{\"ref\":{\"provider\":\"AWS\",\"accountScope\":\"111122223333\",\"location\":\"us-east-1\","
                + "\"nativeId\":\"arn:aws:kms:us-east-1:111122223333:key/k1\"},\"tenant\":\"t1\",\"kind\":\"SYMMETRIC\","
                + "\"algorithm\":\"AES-256\",\"keyUsage\":\"ENCRYPT_DECRYPT\",\"protection\":\"HSM\","
                + "\"origin\":\"GENERATED\",\"manager\":\"CUSTOMER\",\"state\":\"ACTIVE\",\"nativeState\":\"Enabled\","
                + "\"dates\":{},\"rotation\":{\"enabled\":false},\"versions\":[],\"aliases\":[],\"tags\":{},"
                + "\"owner\":\"alice\",\"usageContext\":{\"services\":[\"s3.amazonaws.com\"],\"aiServices\":[],"
                + "\"aiCategories\":[]},\"responsibility\":{\"party\":\"UNKNOWN\"},\"regulatory\":{},"
                + "\"multiRegion\":false,\"provenance\":{\"firstSeenAt\":\"2025-01-01T00:00:00Z\","
                + "\"lastEventAt\":\"2025-01-01T00:00:00Z\",\"lastEventId\":\"e1\",\"observation\":\"FULL\"}}')");

        try (SqliteInventoryStore store = SqliteInventoryStore.open(file, clock)) {
            CryptoAsset legacy = store.asset("t1", "aws:arn:aws:kms:us-east-1:111122223333:key/k1").orElseThrow().value();
            assertThat(legacy.ownership().declared()).contains("alice");
            assertThat(legacy.partiallyObserved()).isFalse();
            assertThat(legacy.usageContext().services()).containsExactly("s3.amazonaws.com");
            assertThat(legacy.destruction()).isEqualTo(io.keyledger.core.key.DestructionPolicy.NONE);
            assertThat(legacy.dates().updatedAt()).isEmpty();
            assertThat(store.keyStores("t1", io.keyledger.core.store.PageRequest.first(10)).items()).isEmpty();
        }
        assertThat(schemaVersions(file)).isEqualTo(allVersions());
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
