package io.keyledger.local.sqlite;

import static io.keyledger.local.sqlite.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import io.keyledger.testkit.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one file (as two processes would have: two connections) write at the same time:
 * SQLite's locking, not the in-process lock, must keep the conditional writes correct.
 */
class SqliteSharedFileTest {

    private static final int PER_WRITER = 60;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private SqliteInventoryStore first;
    private SqliteInventoryStore second;

    @BeforeEach
    void open() {
        first = SqliteInventoryStore.open(dir.resolve("keyledger.db"), clock);
        second = SqliteInventoryStore.open(dir.resolve("keyledger.db"), clock);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void conditionalKeyWritesLoseNoUpdate() throws Exception {
        KeyRef ref = TestRecords.ref("counter");
        first.putAsset("t1", TestRecords.asset("t1", ref), 0);

        runTogether(store -> () -> {
            for (int i = 0; i < PER_WRITER; i++) {
                increment(store, ref.id());
            }
            return null;
        });

        Versioned<CryptoAsset> last = second.asset("t1", ref.id()).orElseThrow();
        assertThat(last.value().tags()).containsEntry("count", Integer.toString(2 * PER_WRITER));
        assertThat(last.revision()).isEqualTo(1 + 2L * PER_WRITER);
    }

    private static void increment(InventoryStore store, String keyId) {
        while (true) {
            Versioned<CryptoAsset> current = store.asset("t1", keyId).orElseThrow();
            Map<String, String> tags = new HashMap<>(current.value().tags());
            tags.merge("count", "1", (a, b) -> Integer.toString(Integer.parseInt(a) + 1));
            try {
                store.putAsset("t1", current.value().toBuilder().tags(tags).build(), current.revision());
                return;
            } catch (StaleRevisionException lost) {
                // the other store won this round: read again
            }
        }
    }

    @Test
    void ledgerAppendsMakeOneUnbrokenChain() throws Exception {
        runTogether(store -> () -> {
            for (int i = 0; i < PER_WRITER; i++) {
                while (true) {
                    LedgerHead head = store.ledgerHead("t1");
                    try {
                        store.appendLedger(TestRecords.ledgerRecord("t1", head, T0, Optional.empty(), Optional.empty()));
                        break;
                    } catch (LedgerConflictException lost) {
                        // the other store appended first: chain to its record instead
                    }
                }
            }
            return null;
        });

        List<LedgerRecord> chain = first.ledger("t1", 1, Optional.empty(), true, PageRequest.first(1000)).items();
        assertThat(chain).hasSize(2 * PER_WRITER);
        String previous = LedgerHash.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            LedgerRecord r = chain.get(i);
            assertThat(r.sequence()).isEqualTo(i + 1);
            assertThat(r.previousHash()).isEqualTo(previous);
            assertThat(r.hashMatchesContent()).isTrue();
            previous = r.hash();
        }
        assertThat(second.ledgerHead("t1")).isEqualTo(new LedgerHead(chain.size(), previous));
    }

    @Test
    void eachEventIsStoredOnceWhoeverDeliversIt() throws Exception {
        AtomicInteger stored = new AtomicInteger();
        KeyRef ref = TestRecords.ref("k1");

        runTogether(store -> () -> {
            for (int i = 0; i < PER_WRITER; i++) {
                var event = TestRecords.stored("t1", TestRecords.event(ref, "e" + i, T0.plusSeconds(i)), Optional.empty());
                if (store.insertEvent(event)) {
                    stored.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(stored).hasValue(PER_WRITER);
        assertThat(first.eventsForKey("t1", ref.id())).hasSize(PER_WRITER);
    }

    /** Runs the task made for each store on its own thread, both at once, and rethrows what either threw. */
    private void runTogether(Function<InventoryStore, Callable<Void>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Void>> tasks = new ArrayList<>(List.of(task.apply(first), task.apply(second)));
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
