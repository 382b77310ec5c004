package io.keyledger.aws.dynamodb;

import io.keyledger.testkit.emulator.NodeEmulator;
import io.keyledger.testkit.emulator.PerClassResource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * dynalite on a loopback port for one test class, a client on it configured as in production (but with
 * millisecond backoffs), a fresh table per test and clients of a test's own, closed after it. Registered as an
 * extension, it starts before the class's first test and stops after its last.
 */
final class LocalDynamo extends PerClassResource implements AfterEachCallback {

    private static final AtomicInteger TABLES = new AtomicInteger();

    /** The recommended strategy with waits short enough for tests. */
    static final RetryStrategy FAST_RETRIES = DynamoDbClients.retryStrategy(Duration.ofMillis(1), Duration.ofMillis(4),
            Duration.ofMillis(1), Duration.ofMillis(4));

    private final DynamoDbRequestCounter counter = new DynamoDbRequestCounter();
    private final List<DynamoDbClient> testClients = new ArrayList<>();
    private NodeEmulator emulator;
    private DynamoDbClient client;

    private LocalDynamo() {
    }

    /** Started now, for a caller that closes it itself. */
    static LocalDynamo start() {
        LocalDynamo dynamo = new LocalDynamo();
        dynamo.open();
        return dynamo;
    }

    /** Started and stopped around one test class: {@code @RegisterExtension static final LocalDynamo ...}. */
    static LocalDynamo perClass() {
        return new LocalDynamo();
    }

    @Override
    protected void open() {
        emulator = NodeEmulator.dynalite();
        client = clientBuilder(counter).build();
    }

    /** A client builder on the emulator: the production configuration with fast retries. */
    DynamoDbClientBuilder clientBuilder(ExecutionInterceptor... interceptors) {
        return DynamoDbClients.builder(FAST_RETRIES, interceptors)
                .endpointOverride(URI.create(emulator.endpoint()))
                .region(Region.US_EAST_1)
                // dynalite checks that requests are signed, not by whom
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }

    DynamoDbClient client() {
        return client;
    }

    /** A client of the current test, closed after it: the production configuration with {@code interceptors}. */
    DynamoDbClient testClient(ExecutionInterceptor... interceptors) {
        DynamoDbClient c = clientBuilder(interceptors).build();
        testClients.add(c);
        return c;
    }

    /** A client of the current test, closed after it, over {@code http}. */
    DynamoDbClient testClient(SdkHttpClient http, ExecutionInterceptor... interceptors) {
        DynamoDbClient c = clientBuilder(interceptors).httpClient(http).build();
        testClients.add(c);
        return c;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        testClients.forEach(DynamoDbClient::close);
        testClients.clear();
    }

    /** Counts the requests of {@link #client()}. */
    DynamoDbRequestCounter counter() {
        return counter;
    }

    /** A new, empty table with the store's schema. */
    String newTable() {
        String name = "keyledger-" + TABLES.incrementAndGet();
        DynamoDbTableSchema.createTable(client, name);
        return name;
    }

    String endpoint() {
        return emulator.endpoint();
    }

    @Override
    public void close() {
        client.close();
        emulator.close();
    }
}
