package io.keyledger.gcp.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.gcp.format.GcpDecoders;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.ReferenceIngest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real Cloud Audit Log entries for Cloud KMS ingested through the core into Firestore on its emulator: the
 * inventory is the one the in-memory store gives, also with two instances ingesting the same deliveries at once;
 * and the Firestore requests each ingested event costs (printed, and bounded here so that a change that adds
 * requests is seen).
 */
class IngestOnFirestoreTest {

    private static final String LOG = "/gcp/logs/kms-audit.jsonl";
    private static final TenantMapping TENANTS = new TenantMapping(java.util.Map.of(), "acme");
    @RegisterExtension
    static final LocalFirestore firestore = LocalFirestore.perClass();

    private final MutableClock clock = MutableClock.at("2026-08-01T00:00:00Z");
    private final ReferenceIngest ingest = new ReferenceIngest(clock, TENANTS, "acme");

    private List<KeyEvent> logEvents() throws IOException {
        return ReferenceIngest.logEvents(IngestOnFirestoreTest.class, LOG, GcpDecoders.all());
    }

    @Test
    void theInventoryIsTheInMemoryStoresAndEachEventCostsAFewRequests() throws IOException {
        List<KeyEvent> events = logEvents();
        List<KeyEvent> changes = events.stream().filter(e -> e.action() != Action.USE).toList();
        List<KeyEvent> uses = events.stream().filter(e -> e.action() == Action.USE).toList();
        InMemoryInventoryStore reference = ingest.reference(events);
        FirestoreRequestCounter counter = new FirestoreRequestCounter();
        FirestoreInventoryStore store = firestore.newStoreBuilder(clock).requestCounter(counter).build();
        InventoryService service = ingest.service(store);

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
        assertThat(ingest.inventory(store)).isEqualTo(ingest.inventory(reference));
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
        String root = LocalFirestore.newRoot();
        FirestoreInventoryStore one = FirestoreInventoryStore.builder(firestore.firestore()).clock(clock)
                .rootCollection(root).build();
        FirestoreInventoryStore two = FirestoreInventoryStore.builder(firestore.firestore()).clock(clock)
                .rootCollection(root).build();

        ingest.ingestAtOnce(events, one, two);
    }
}
