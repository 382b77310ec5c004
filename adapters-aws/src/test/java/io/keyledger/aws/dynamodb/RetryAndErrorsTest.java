package io.keyledger.aws.dynamodb;

import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.awsKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.FaultyHttpClient;
import io.keyledger.testkit.aws.FaultyHttpClient.Fault;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Throttling and server errors are retried by the client's retry strategy until the call succeeds;
 * anything else fails at once, as an exception that names the operation.
 */
class RetryAndErrorsTest {

    @RegisterExtension
    static final LocalDynamo dynamo = LocalDynamo.perClass();

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final DynamoDbRequestCounter counter = new DynamoDbRequestCounter();
    private final FaultyHttpClient http = new FaultyHttpClient(DynamoDbClients.httpClient());
    private final DynamoDbClient client = dynamo.testClient(http, counter);
    private final String table = dynamo.newTable();
    private final DynamoDbInventoryStore store = DynamoDbInventoryStore.create(client, table, clock);

    @Test
    void throttlingAndServerErrorsAreRetriedUntilTheWriteSucceeds() {
        CryptoAsset a = asset("acme", awsKey("k1"), LifecycleState.ACTIVE, Optional.empty());
        http.plan(Fault.any(400, "ThrottlingException"), Fault.any(400, "ProvisionedThroughputExceededException"),
                Fault.any(400, "RequestLimitExceeded"), Fault.any(500, "InternalServerError"),
                Fault.any(503, "ServiceUnavailable"));

        long revision = store.putAsset("acme", a, 0);

        assertThat(revision).isEqualTo(1);
        assertThat(store.asset("acme", a.id()).orElseThrow().value()).isEqualTo(a);
        assertThat(http.stillPlanned()).isZero();
        DynamoDbRequestCounter.Snapshot counts = counter.snapshot();
        assertThat(counts.retries()).isEqualTo(5);
        assertThat(counts.attempts("PutItem")).isEqualTo(counts.requests("PutItem") + 5);
        assertThat(counts.failures()).isEmpty();
    }

    @Test
    void readsAreRetriedToo() {
        store.putAsset("acme", asset("acme", awsKey("k1"), LifecycleState.ACTIVE, Optional.empty()), 0);
        counter.reset();
        http.plan(Fault.on("GetItem", 400, "ThrottlingException"), Fault.on("GetItem", 500, "InternalServerError"));

        assertThat(store.asset("acme", awsKey("k1").id())).isPresent();

        assertThat(counter.snapshot().requests("GetItem")).isEqualTo(1);
        assertThat(counter.snapshot().attempts("GetItem")).isEqualTo(3);
    }

    @Test
    void aNonRetryableErrorFailsAtOnceNamingTheOperationAndTheTable() {
        http.plan(Fault.on("GetItem", 400, "ValidationException"));

        assertThatThrownBy(() -> store.asset("acme", awsKey("k1").id()))
                .isInstanceOf(DynamoDbStoreException.class)
                .hasMessageContaining("DynamoDB GetItem failed while trying to read the key record " + awsKey("k1").id())
                .hasMessageContaining("table '" + table + "'")
                .hasMessageContaining("ValidationException: injected ValidationException")
                .hasMessageContaining("[HTTP 400, 1 attempt]");
        assertThat(counter.snapshot().attempts("GetItem")).isEqualTo(1);
    }

    @Test
    void aMissingTableIsNamedInTheError() {
        DynamoDbInventoryStore nowhere = DynamoDbInventoryStore.create(client, "no-such-table", clock);

        assertThatThrownBy(() -> nowhere.putAsset("acme", asset("acme", awsKey("k1"), LifecycleState.ACTIVE,
                Optional.empty()), 0))
                .isInstanceOf(DynamoDbStoreException.class)
                .hasMessageContaining("DynamoDB PutItem failed")
                .hasMessageContaining("table 'no-such-table'")
                .hasMessageContaining("ResourceNotFoundException");
    }

    @Test
    void throttlingThatOutlastsTheAttemptsFailsNamingTheAttempts() {
        for (int i = 0; i < DynamoDbClients.MAX_ATTEMPTS; i++) {
            http.plan(Fault.on("Query", 400, "ThrottlingException"));
        }

        assertThatThrownBy(() -> store.ledgerHead("acme"))
                .isInstanceOf(DynamoDbStoreException.class)
                .hasMessageContaining("DynamoDB Query failed while trying to read the ledger head of tenant acme")
                .hasMessageContaining("ThrottlingException")
                .hasMessageContaining(DynamoDbClients.MAX_ATTEMPTS + " attempts");
        assertThat(counter.snapshot().attempts("Query")).isEqualTo(DynamoDbClients.MAX_ATTEMPTS);
    }
}
