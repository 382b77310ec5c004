package io.keyledger.gcp.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.gcp.format.GcpDecoders;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Cloud Audit Log entries for Cloud KMS ingested through the core into Firestore on its emulator: the
 * inventory is the one the in-memory store gives, also with two instances ingesting the same deliveries at once;
 * and the Firestore requests each ingested event costs (printed, and bounded here so that a change that adds
 * requests is seen).
 */
class IngestOnFirestoreTest {

    private static final String LOG = "/gcp/logs/kms-audit.jsonl";
    private static final TenantMapping TENANTS = new TenantMapping(java.util.Map.of(), "acme");
    private static LocalFirestore firestore;

    private final MutableClock clock = MutableClock.at("2026-08-01T00:00:00Z");

    @BeforeAll
    static void startEmulator() {
        firestore = LocalFirestore.start();
    }

    @AfterAll
    static void stopEmulator() {
        firestore.close();
    }

    private static List<KeyEvent> logEvents() throws IOException {
        List<DecodedRecord> out = new ArrayList<>();
        try (InputStream in = IngestOnFirestoreTest.class.getResourceAsStream(LOG)) {
            Decoders.of(GcpDecoders.all()).read(LOG, in, out::add);
        }
        return out.stream().filter(r -> r instanceof DecodedRecord.Event).map(r -> ((DecodedRecord.Event) r).event())
                .toList();
    }

    private InventoryService service(InventoryStore store) {
        return CoreServices.of(store, clock, CoreSettings.DEFAULTS.withTenants(TENANTS).withoutAnomalyDetection())
                .inventory();
    }

    private static List<CryptoAsset> inventory(InventoryStore store) {
        return store.assets("acme", AssetQuery.ALL, PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    @Test
    void theInventoryIsTheInMemoryStoresAndEachEventCostsAFewRequests() throws IOException {
        List<KeyEvent> events = logEvents();
        List<KeyEvent> changes = events.stream().filter(e -> e.action() != Action.USE).toList();
        List<KeyEvent> uses = events.stream().filter(e -> e.action() == Action.USE).toList();
        InMemoryInventoryStore reference = new InMemoryInventoryStore(clock);
        service(reference).apply(events);
        FirestoreRequestCounter counter = new FirestoreRequestCounter();
        FirestoreInventoryStore store = firestore.newStoreBuilder(clock).requestCounter(counter).build();
        InventoryService service = service(store);

        FirestoreRequestCounter.Snapshot start = counter.snapshot();
        BatchResult first = service.apply(changes);
        FirestoreRequestCounter.Snapshot afterChanges = counter.snapshot();
        service.apply(uses);
        FirestoreRequestCounter.Snapshot afterUses = counter.snapshot();
        BatchResult again = service.apply(changes);
        FirestoreRequestCounter.Snapshot afterRedelivery = counter.snapshot();

        FirestoreRequestCounter.Snapshot fresh = afterChanges.minus(start);
        FirestoreRequestCounter.Snapshot use = afterUses.minus(afterChanges);
        FirestoreRequestCounter.Snapshot redelivered = afterRedelivery.minus(afterUses);
        assertThat(first.allAccepted()).isTrue();
        assertThat(again.duplicates()).isEqualTo(changes.size());
        assertThat(inventory(store)).isEqualTo(inventory(reference));
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();

        System.out.printf("Firestore per ingested event on the emulator:%n"
                        + "  new state-changing event (%d): %.2f requests (%.2f commits, %.2f reads), %.2f document writes%n"
                        + "  usage event (%d): %.2f requests (%.2f commits, %.2f reads), %.2f document writes%n"
                        + "  redelivered event (%d): %.2f requests (%.2f commits, %.2f reads)%n"
                        + "  fresh: %s%n  usage: %s%n  redelivered: %s%n",
                changes.size(), per(fresh.totalRequests(), changes), per(fresh.writeRequests(), changes),
                per(fresh.readRequests(), changes), per(fresh.documentWrites(), changes),
                uses.size(), per(use.totalRequests(), uses), per(use.writeRequests(), uses),
                per(use.readRequests(), uses), per(use.documentWrites(), uses),
                changes.size(), per(redelivered.totalRequests(), changes), per(redelivered.writeRequests(), changes),
                per(redelivered.readRequests(), changes), fresh.requests(), use.requests(), redelivered.requests());
        // event create, ledger head and append, history, usage, key record read and write, its ledger head and append
        assertThat(per(fresh.totalRequests(), changes)).isLessThanOrEqualTo(11.0);
        assertThat(per(redelivered.writeRequests(), changes)).as("a redelivery writes nothing but its failed create")
                .isLessThanOrEqualTo(1.0);
        assertThat(redelivered.documentWrites()).isEqualTo(changes.size());
        assertThat(use.requests(FirestoreCalls.COMMIT)).as("a use is rolled up, never stored as an event")
                .isLessThanOrEqualTo(3L * uses.size());
    }

    private static double per(long count, List<KeyEvent> events) {
        return (double) count / events.size();
    }

    @Test
    void twoInstancesIngestingTheSameDeliveriesAtOnceKeepOneInventoryAndOneChain() throws Exception {
        List<KeyEvent> events = logEvents();
        InMemoryInventoryStore reference = new InMemoryInventoryStore(clock);
        service(reference).apply(events);
        String root = LocalFirestore.newRoot();
        FirestoreInventoryStore one = FirestoreInventoryStore.builder(firestore.firestore()).clock(clock)
                .rootCollection(root).build();
        FirestoreInventoryStore two = FirestoreInventoryStore.builder(firestore.firestore()).clock(clock)
                .rootCollection(root).build();
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
        assertThat(new LedgerVerifier(two).verify("acme").intact()).isTrue();
        for (CryptoAsset a : inventory(reference)) {
            assertThat(two.eventsForKey("acme", a.id())).isEqualTo(reference.eventsForKey("acme", a.id()));
        }
    }
}
