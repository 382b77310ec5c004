package io.keyledger.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.event.Action;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteUnitOfWorkTest {

    @TempDir
    Path dir;

    @Test
    void aUnitOfWorkThatFailsKeepsNothing() {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        try (SqliteInventoryStore store = SqliteInventoryStore.open(dir.resolve("k.db"), clock)) {
            var event = Fixtures.event("e1", Fixtures.T0, Action.CREATE, Fixtures.awsKey("k1"));

            assertThatThrownBy(() -> store.inUnitOfWork(() -> {
                store.insertEvent(Fixtures.stored("acme", event, Optional.empty()));
                throw new IllegalStateException("the process failed mid-batch");
            })).hasMessageContaining("mid-batch");

            assertThat(store.eventsForKey("acme", event.key().id())).isEmpty();
        }
    }

    @Test
    void aBatchAppliedInOneUnitReadsBackAndVerifiesAfterReopening() {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        Path file = dir.resolve("k.db");
        var key = Fixtures.awsKey("k1");
        try (SqliteInventoryStore store = SqliteInventoryStore.open(file, clock)) {
            InventoryService service = Fixtures.services(store, clock, "acme").inventory();
            service.apply(List.of(Fixtures.event("e1", Fixtures.T0, Action.CREATE, key),
                    Fixtures.event("e2", Fixtures.T0.plusSeconds(1), Action.DISABLE, key),
                    Fixtures.event("e1", Fixtures.T0, Action.CREATE, key)));
        }
        try (SqliteInventoryStore store = SqliteInventoryStore.open(file, clock)) {
            assertThat(store.asset("acme", key.id()).orElseThrow().value().state())
                    .isEqualTo(io.keyledger.core.key.LifecycleState.SUSPENDED);
            assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();
            assertThat(store.ledgerHead("acme").sequence()).isEqualTo(4);
        }
    }

    @Test
    void anInsertLeavesNoGeneratedKeysBehind() throws Exception {
        // The driver would otherwise run "SELECT last_insert_rowid()" after every INSERT: a query per event and
        // ledger record that nothing reads.
        try (Database db = Database.open(dir.resolve("k.db"))) {
            db.call("test", d -> {
                d.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
                var insert = d.prepare("INSERT INTO t (v) VALUES (?)");
                insert.setString(1, "x");
                assertThat(insert.executeUpdate()).isEqualTo(1);
                try (var keys = insert.getGeneratedKeys()) {
                    assertThat(keys.next()).isFalse();
                }
                return null;
            });
        }
    }
}
