package io.keyledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.ReferenceIngest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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
    private final ReferenceIngest ingest = new ReferenceIngest(clock, TENANTS, "acme");

    private List<KeyEvent> logEvents() throws IOException {
        return ReferenceIngest.logEvents(IngestOnDynamoDbTest.class, LOG, AwsDecoders.all());
    }

    @Test
    void theInventoryIsTheInMemoryStoresAndEachEventCostsAFewWrites() throws IOException {
        List<KeyEvent> events = logEvents();
        InMemoryInventoryStore reference = ingest.reference(events);
        DynamoDbInventoryStore store = DynamoDbInventoryStore.create(dynamo.client(), dynamo.newTable(), clock);
        DynamoDbRequestCounter.Snapshot before = dynamo.counter().snapshot();

        BatchResult first = ingest.service(store).apply(events);
        DynamoDbRequestCounter.Snapshot fresh = dynamo.counter().snapshot().minus(before);
        BatchResult again = ingest.service(store).apply(events);
        DynamoDbRequestCounter.Snapshot redelivered = dynamo.counter().snapshot().minus(before).minus(fresh);

        assertThat(first.allAccepted()).isTrue();
        assertThat(again.duplicates()).isEqualTo(events.size() - countUses(events));
        assertThat(ingest.inventory(store)).isEqualTo(ingest.inventory(reference));
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
        String table = dynamo.newTable();
        DynamoDbInventoryStore one = DynamoDbInventoryStore.create(dynamo.client(), table, clock);
        DynamoDbInventoryStore two = DynamoDbInventoryStore.create(dynamo.client(), table, clock);
        ingest.ingestAtOnce(events, one, two);
    }
}
