package io.keyledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.json.KeyEventJson;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of what ApplyBenchmark runs, on a small stream (the benchmark itself is not a test). */
class EventStreamTest {

    private static final int KEYS = 60;
    private static final int EVENTS = 600;

    private final EventStream stream = EventStream.generate(KEYS, EVENTS, ApplyBenchmark.SEED);

    @Test
    void theStreamIsRealisticallyMessy() {
        assertThat(stream.events()).hasSize(EVENTS);
        assertThat(stream.events().stream().map(e -> e.key().id()).distinct()).hasSize(KEYS);
        assertThat(stream.duplicates()).isPositive();
        assertThat(stream.late()).isPositive();
        assertThat(stream.failed()).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameStream() {
        assertThat(EventStream.generate(KEYS, EVENTS, ApplyBenchmark.SEED).events()).isEqualTo(stream.events());
    }

    @Test
    void everyJsonLineReadsBackAsItsEvent() {
        List<String> lines = stream.jsonLines();
        for (int i = 0; i < lines.size(); i++) {
            assertThat(KeyEventJson.read(lines.get(i), EventStream.SOURCE)).isEqualTo(stream.events().get(i));
        }
    }

    @Test
    void applyingIntoMemoryInventoriesEveryKey() {
        assertAppliedEveryKey(new InMemoryInventoryStore(Stores.CLOCK));
    }

    @Test
    void applyingIntoSqliteInventoriesEveryKey(@TempDir Path dir) {
        try (SqliteInventoryStore store = SqliteInventoryStore.open(dir.resolve("inventory.db"), Stores.CLOCK)) {
            assertAppliedEveryKey(store);
        }
    }

    private void assertAppliedEveryKey(InventoryStore store) {
        InventoryService service = Stores.ingestInto(store);
        int applied = 0;
        int duplicates = 0;
        for (List<KeyEvent> batch : stream.batches(ApplyBenchmark.BATCH_SIZE)) {
            BatchResult result = service.apply(batch);
            assertThat(result.rejected()).isEmpty();
            applied += result.applied();
            duplicates += result.duplicates();
        }
        assertThat(applied).isEqualTo(EVENTS - stream.duplicates());
        assertThat(duplicates).isEqualTo(stream.duplicates());
        assertThat(store.assets(Stores.TENANT, AssetQuery.ALL, PageRequest.first(PageRequest.MAX_LIMIT)).items())
                .hasSize(KEYS);
    }
}
