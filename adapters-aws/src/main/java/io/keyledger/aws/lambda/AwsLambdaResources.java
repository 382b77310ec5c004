package io.keyledger.aws.lambda;

import io.keyledger.aws.s3.S3ObjectReader;
import io.keyledger.aws.sns.SnsAlertSink;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.alert.LogAlertSink;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.functions.ingest.ObjectReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The production resources of a Lambda container: the real SDK clients, built once each, when a
 * function's beans first ask for them (at init). Building a client does no network I/O: the region is
 * {@code AWS_REGION}, credentials are resolved on the first call (so a SnapStart snapshot holds none),
 * and every client uses the URL-connection HTTP client, the lightest to load.
 */
public final class AwsLambdaResources implements LambdaResources, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AwsLambdaResources.class.getName());

    private final LambdaSettings settings;
    private final Region region;
    private final Once<SdkHttpClient> http = new Once<>(UrlConnectionHttpClient::create);
    private final Once<AwsCredentialsProvider> credentials = new Once<>(() -> DefaultCredentialsProvider.builder().build());
    private final Once<S3Client> s3 = new Once<>(this::buildS3);
    private final Once<ObjectReader> objects = new Once<>(() -> new S3ObjectReader(s3.get()));
    private final Once<SnsClient> sns = new Once<>(this::buildSns);
    private final Once<DynamoDbClient> dynamoDb = new Once<>(this::buildDynamoDb);
    private final Once<InventoryStore> store = new Once<>(this::buildStore);

    public AwsLambdaResources(LambdaSettings settings) {
        this.settings = settings;
        this.region = Region.of(settings.region());
    }

    /** The resources of the environment Lambda started the container with. */
    public static AwsLambdaResources fromEnvironment(Map<String, String> env) {
        return new AwsLambdaResources(LambdaSettings.fromEnvironment(env));
    }

    @Override
    public LambdaSettings settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        // A Lambda function's one system clock, as the CLI's main has its own; everything below takes it.
        return Clock.systemUTC();
    }

    @Override
    public InventoryStore store() {
        return store.get();
    }

    @Override
    public ObjectReader objects() {
        return objects.get();
    }

    @Override
    public List<AlertSink> alertSinks() {
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new LogAlertSink());
        settings.alertTopicArn().ifPresent(topic -> sinks.add(new SnsAlertSink(sns.get(), topic)));
        return sinks;
    }

    /** The DynamoDB client of the inventory table. */
    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    private InventoryStore buildStore() {
        String table = settings.requireTableName();
        // The DynamoDB inventory store plugs in here, on dynamoDb(), table and clock().
        throw new IllegalStateException("no DynamoDB inventory store is available in this build (table " + table
                + "): the Lambda functions cannot store anything");
    }

    private S3Client buildS3() {
        // CloudTrail may deliver to a bucket in another region: follow S3's redirects rather than fail.
        return S3Client.builder().region(region).httpClient(http.get()).credentialsProvider(credentials.get())
                .crossRegionAccessEnabled(true).build();
    }

    private SnsClient buildSns() {
        return SnsClient.builder().region(region).httpClient(http.get()).credentialsProvider(credentials.get()).build();
    }

    private DynamoDbClient buildDynamoDb() {
        return DynamoDbClient.builder().region(region).httpClient(http.get()).credentialsProvider(credentials.get())
                .build();
    }

    @Override
    public void close() {
        for (Once<? extends AutoCloseable> client : List.of(s3, sns, dynamoDb)) {
            client.built().ifPresent(AwsLambdaResources::closeQuietly);
        }
        http.built().ifPresent(AwsLambdaResources::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing " + closeable + " failed", e);
        }
    }
}
