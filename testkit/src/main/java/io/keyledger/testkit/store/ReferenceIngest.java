package io.keyledger.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.tenant.TenantResolver;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A provider's bundled audit log ingested into a store and held against the in-memory store fed the same
 * events: what every store's ingest test compares, on its emulator.
 *
 * @param tenants how the log's accounts map to tenants
 * @param tenant  the tenant whose inventory is compared
 */
public record ReferenceIngest(Clock clock, TenantResolver tenants, String tenant) {

    /** The key events of a log bundled with the test's classes, decoded as the provider's decoders read it. */
    public static List<KeyEvent> logEvents(Class<?> test, String resource, List<EventDecoder> decoders)
            throws IOException {
        List<DecodedRecord> out = new ArrayList<>();
        try (InputStream in = test.getResourceAsStream(resource)) {
            Decoders.of(decoders).read(resource, in, out::add);
        }
        return out.stream().filter(r -> r instanceof DecodedRecord.Event).map(r -> ((DecodedRecord.Event) r).event())
                .toList();
    }

    /** The inventory service on a store, without anomaly detection (its alerts would only add writes). */
    public InventoryService service(InventoryStore store) {
        return CoreServices.of(store, clock, CoreSettings.DEFAULTS.withTenants(tenants).withoutAnomalyDetection())
                .inventory();
    }

    /** The in-memory store with the events applied. */
    public InMemoryInventoryStore reference(List<KeyEvent> events) {
        InMemoryInventoryStore reference = new InMemoryInventoryStore(clock);
        service(reference).apply(events);
        return reference;
    }

    public List<CryptoAsset> inventory(InventoryStore store) {
        return store.assets(tenant, AssetQuery.ALL, PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    /**
     * Two instances on the same storage apply the same deliveries at once, one in the log's order and one in
     * reverse: both accept every event, and they keep the reference's inventory, one intact ledger chain and
     * each key's events.
     */
    public void ingestAtOnce(List<KeyEvent> events, InventoryStore one, InventoryStore two) throws Exception {
        InMemoryInventoryStore reference = reference(events);
        List<KeyEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<BatchResult>> instances = List.of(() -> service(one).apply(events),
                    () -> service(two).apply(reversed));
            for (Future<BatchResult> f : pool.invokeAll(instances)) {
                assertThat(f.get().allAccepted()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(inventory(one)).isEqualTo(inventory(reference));
        assertThat(new LedgerVerifier(two).verify(tenant).intact()).isTrue();
        for (CryptoAsset a : inventory(reference)) {
            assertThat(two.eventsForKey(tenant, a.id())).isEqualTo(reference.eventsForKey(tenant, a.id()));
        }
    }
}
