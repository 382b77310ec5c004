package io.keyledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.testkit.aws.FaultyHttpClient;
import io.keyledger.testkit.aws.FaultyHttpClient.Fault;
import io.keyledger.testkit.aws.UnprocessedItemsInjector;
import io.keyledger.testkit.store.FaultRun;
import io.keyledger.testkit.MutableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link FaultRun} on DynamoDB (dynalite): faults at the port (throttled calls, timeouts after the write,
 * conditional-check races) and on the wire (throttling and 500s the SDK retries, BatchWriteItem answered with
 * UnprocessedItems), every failed batch redelivered. Nothing lost or doubled; the retries are printed.
 */
class DynamoDbStoreFaultsTest {

    @RegisterExtension
    static final LocalDynamo dynamo = LocalDynamo.perClass();

    @Test
    void ingestUnderStoreFaultsLosesAndDoublesNothing() {
        List<FaultyHttpClient> clients = new ArrayList<>();
        UnprocessedItemsInjector unprocessed = new UnprocessedItemsInjector();
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        FaultRun.Figures figures = FaultRun.run(() -> {
            FaultyHttpClient http = new FaultyHttpClient(DynamoDbClients.httpClient());
            for (int i = 0; i < 10; i++) {
                http.plan(Fault.on("PutItem", 400, "ProvisionedThroughputExceededException"),
                        Fault.on("Query", 400, "ThrottlingException"), Fault.on("UpdateItem", 500, "InternalServerError"));
            }
            clients.add(http);
            unprocessed.throttleNextCalls(5);
            return DynamoDbInventoryStore.create(dynamo.clientBuilder(unprocessed).httpClient(http).build(),
                    dynamo.newTable(), clock);
        }, 15, 0.03, FaultRun.stream(15, 20), 25);
        long wireRetries = clients.stream().mapToLong(c -> c.injected().size()).sum();
        System.out.println("store faults, DynamoDB: " + figures + "; on the wire: " + wireRetries
                + " throttled or failed calls retried by the SDK, " + unprocessed.throttledCalls()
                + " batch writes answered with UnprocessedItems");

        assertThat(figures.faults()).isPositive();
        assertThat(wireRetries).isPositive();
        assertThat(figures.lost()).isZero();
        assertThat(figures.doubled()).isZero();
        assertThat(figures.divergentKeys()).isZero();
        assertThat(figures.ledgerIntact()).isTrue();
    }
}
