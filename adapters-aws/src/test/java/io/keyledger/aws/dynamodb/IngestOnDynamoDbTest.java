package io.keyledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.aws.format.AwsDecoders;
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
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real CloudTrail log file ingested through the core into DynamoDB: the inventory is the one the
 * in-memory store gives, also with two containers ingesting the same deliveries at once; and the
 * DynamoDB requests each ingested event costs.
 */
class IngestOnDynamoDbTest {

    private static final String LOG = "/aws/logs/111122223333_CloudTrail_us-east-1_20260115T0905Z_a1b2c3d4e5f6g7h8.json";
    private static final TenantMapping TENANTS = new TenantMapping(Map.of("aws:111122223333", "acme"), "default");
    @RegisterExtension
    static final LocalDynamo dynamo = LocalDynamo.perClass();

    private final MutableClock clock = MutableClock.at("2026-08-01T00:00:00Z");

    private static List<KeyEvent> logEvents() throws IOException {
        List<DecodedRecord> out = new ArrayList<>();
        try (InputStream in = IngestOnDynamoDbTest.class.getResourceAsStream(LOG)) {
            Decoders.of(AwsDecoders.all()).read(LOG, in, out::add);
        }
        return out.stream().filter(r -> r instanceof DecodedRecord.Event).map(r -> ((DecodedRecord.Event) r).event()).toList();
    }

    private InventoryService service(InventoryStore store) {
        return CoreServices.of(store, clock, CoreSettings.DEFAULTS.withTenants(TENANTS).withoutAnomalyDetection())
                .inventory();
    }

    private static List<CryptoAsset> inventory(InventoryStore store) {
        return store.assets("acme", AssetQuery.ALL, PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    @Test
    void theInventoryIsTheInMemoryStoresAndEachEventCostsAFewWrites() throws IOException {
        List<KeyEvent> events = logEvents();
        InMemoryInventoryStore reference = new InMemoryInventoryStore(clock);
        service(reference).apply(events);
        DynamoDbInventoryStore store = DynamoDbInventoryStore.create(dynamo.client(), dynamo.newTable(), clock);
        DynamoDbRequestCounter.Snapshot before = dynamo.counter().snapshot();

        BatchResult first = service(store).apply(events);
        DynamoDbRequestCounter.Snapshot fresh = dynamo.counter().snapshot().minus(before);
        BatchResult again = service(store).apply(events);
        DynamoDbRequestCounter.Snapshot redelivered = dynamo.counter().snapshot().minus(before).minus(fresh);

        assertThat(first.allAccepted()).isTrue();
        assertThat(again.duplicates()).isEqualTo(events.size() - countUses(events));
        assertThat(inventory(store)).isEqualTo(inventory(reference));
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();

        double writesPerEvent = (double) fresh.writeRequests() / events.size();
        double writesPerRedelivery = (double) redelivered.writeRequests() / events.size();
        System.out.printf("DynamoDB per ingested event (%d events): %.2f write requests, %.2f read requests,"
                        + " %.2f write units (table only); per redelivered event: %.2f write requests, %.2f read requests%n"
                        + "  fresh: %s%n  redelivered: %s%n",
                events.size(), writesPerEvent, (double) fresh.readRequests() / events.size(),
                fresh.writeCapacityUnits() / events.size(), writesPerRedelivery,
                (double) redelivered.readRequests() / events.size(), fresh.requests(), redelivered.requests());
        // marker, history + day batch, ledger record and head, key record, its ledger record and head
        assertThat(writesPerEvent).isLessThanOrEqualTo(7.5);
        assertThat(writesPerRedelivery).as("a redelivery costs its failed marker put at most")
                .isLessThanOrEqualTo(1.0);
        assertThat(fresh.retries()).isZero();
    }

    private static long countUses(List<KeyEvent> events) {
        return events.stream().filter(e -> e.action() == Action.USE && e.succeeded()).count();
    }

    @Test
    void twoContainersIngestingTheSameDeliveriesAtOnceKeepOneInventoryAndOneChain() throws Exception {
        List<KeyEvent> events = logEvents();
        InMemoryInventoryStore reference = new InMemoryInventoryStore(clock);
        service(reference).apply(events);
        String table = dynamo.newTable();
        DynamoDbInventoryStore one = DynamoDbInventoryStore.create(dynamo.client(), table, clock);
        DynamoDbInventoryStore two = DynamoDbInventoryStore.create(dynamo.client(), table, clock);
        List<KeyEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<BatchResult>> containers = List.of(() -> service(one).apply(events),
                    () -> service(two).apply(reversed));
            for (Future<BatchResult> f : pool.invokeAll(containers)) {
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
