package io.keyledger.aws.lambda;

import io.keyledger.aws.dynamodb.DynamoDbClients;
import io.keyledger.aws.dynamodb.DynamoDbInventoryStore;
import io.keyledger.aws.ledger.KmsSigner;
import io.keyledger.aws.ledger.LedgerOperationCheck;
import io.keyledger.aws.ledger.S3ArchiveObjects;
import io.keyledger.aws.ledger.S3CheckpointAnchor;
import io.keyledger.aws.ledger.SqsCheckpointRequests;
import io.keyledger.aws.s3.S3ObjectReader;
import io.keyledger.aws.sns.SnsAlertSink;
import io.keyledger.aws.sweep.AwsEndpoints;
import io.keyledger.aws.sweep.AwsSweepScopes;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.alert.LogAlertSink;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.functions.ingest.ObjectReader;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The production resources of a Lambda container: the real SDK clients, built once each, when a
 * function's beans first ask for them (at init). Building a client does no network I/O: the region is
 * {@code AWS_REGION}, credentials are resolved on the first call (so a SnapStart snapshot holds none),
 * and every client uses the URL-connection HTTP client, the lightest to load.
 *
 * <p>The inventory store is the DynamoDB store on {@code KEYLEDGER_TABLE_NAME}, its client configured as
 * {@link DynamoDbClients} recommends. The sweep's scopes assume the member role in each account through
 * one STS client and keep a KMS client per account and Region for the container's life.
 *
 * <p>{@link #builder} points the same resources at other endpoints with other credentials and clock:
 * emulators and wire-level fakes in tests and harnesses, VPC or FIPS endpoints in a deployment.
 */
public final class AwsLambdaResources implements LambdaResources, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AwsLambdaResources.class.getName());

    private final LambdaSettings settings;
    private final Region region;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final AwsEndpoints endpoints;
    private final Optional<URI> dynamoDbEndpoint;
    private final Optional<URI> snsEndpoint;
    private final Optional<URI> s3Endpoint;
    private final List<ExecutionInterceptor> dynamoDbInterceptors;
    private final Once<SdkHttpClient> http = new Once<>(UrlConnectionHttpClient::create);
    private final Once<SdkHttpClient> dynamoDbHttp = new Once<>(DynamoDbClients::httpClient);
    private final Once<AwsCredentialsProvider> credentials;
    private final Once<S3Client> s3 = new Once<>(this::buildS3);
    private final Once<ObjectReader> objects = new Once<>(() -> new S3ObjectReader(s3.get()));
    private final Once<SnsClient> sns = new Once<>(this::buildSns);
    private final Once<SqsClient> sqs = new Once<>(this::buildSqs);
    private final Once<DynamoDbClient> dynamoDb = new Once<>(this::buildDynamoDb);
    private final Once<InventoryStore> store = new Once<>(this::buildStore);
    private final Once<AwsSweepScopes> sweepScopes = new Once<>(this::buildSweepScopes);
    private final Once<KmsClient> ledgerKms = new Once<>(this::buildLedgerKms);
    private final Once<S3Client> ledgerS3 = new Once<>(this::buildLedgerS3);
    private final Once<SqsClient> ledgerSqs = new Once<>(this::buildLedgerSqs);

    /** The resources of a Lambda container: AWS's endpoints, the default credentials chain, the system clock. */
    public AwsLambdaResources(LambdaSettings settings) {
        this(builder(settings));
    }

    private AwsLambdaResources(Builder b) {
        this.settings = b.settings;
        this.region = Region.of(settings.region());
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.endpoints = b.endpoints;
        this.dynamoDbEndpoint = b.dynamoDbEndpoint;
        this.snsEndpoint = b.snsEndpoint;
        this.s3Endpoint = b.s3Endpoint;
        this.dynamoDbInterceptors = List.copyOf(b.dynamoDbInterceptors);
        this.credentials = new Once<>(b.credentials);
    }

    /** The resources of the environment Lambda started the container with. */
    public static AwsLambdaResources fromEnvironment(Map<String, String> env) {
        return new AwsLambdaResources(LambdaSettings.fromEnvironment(env));
    }

    /** Resources on {@code settings} whose endpoints, credentials, clock and pacing may differ from Lambda's. */
    public static Builder builder(LambdaSettings settings) {
        return new Builder(settings);
    }

    @Override
    public LambdaSettings settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Sleeper sleeper() {
        return sleeper;
    }

    @Override
    public RandomGenerator random() {
        return random;
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

    @Override
    public AwsSweepScopes sweepScopes() {
        return sweepScopes.get();
    }

    @Override
    public SqsClient sqs() {
        return sqs.get();
    }

    /**
     * The ledger of this container: the KMS key of {@code KEYLEDGER_LEDGER_KEY_ARN} signs (with {@code signs})
     * or verifies, checkpoints are anchored and segments archived in {@code KEYLEDGER_LEDGER_BUCKET}, and the
     * writers queue their checkpoint requests on {@code KEYLEDGER_CHECKPOINT_QUEUE_URL}. Each client is built
     * when first used and refuses an operation {@code AwsLedgerOperation} does not declare.
     */
    @Override
    public LedgerSettings ledger(boolean signs) {
        LambdaSettings.Ledger ledger = settings.ledger();
        if (ledger.keyArn().isEmpty()) {
            return LedgerSettings.NONE;
        }
        KmsSigner key = new KmsSigner(ledgerKms.get(), ledger.keyArn().get());
        LedgerSettings out = signs ? LedgerSettings.NONE.signedBy(key)
                : LedgerSettings.NONE.trusting(() -> List.of(key.publicKey()));
        if (ledger.bucket().isPresent()) {
            S3Client s3 = ledgerS3.get();
            out = out.anchoredIn(new S3CheckpointAnchor(s3, ledger.bucket().get()))
                    .archivedIn(new S3ArchiveObjects(s3, ledger.bucket().get()));
        }
        if (!signs && ledger.checkpointQueueUrl().isPresent()) {
            out = out.withRequests(new SqsCheckpointRequests(ledgerSqs.get(), ledger.checkpointQueueUrl().get()));
        }
        return out;
    }

    private KmsClient buildLedgerKms() {
        var builder = KmsClient.builder().region(region).httpClient(http.get()).credentialsProvider(credentials.get())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new LedgerOperationCheck("kms")));
        endpoints.kms().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private S3Client buildLedgerS3() {
        var builder = S3Client.builder().region(region).httpClient(http.get()).credentialsProvider(credentials.get())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new LedgerOperationCheck("s3")));
        // An emulator has no bucket subdomains, and stores what it is sent: plain uploads, checksums where required.
        s3Endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    private SqsClient buildLedgerSqs() {
        var builder = SqsClient.builder().region(region).httpClient(http.get()).credentialsProvider(credentials.get())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new LedgerOperationCheck("sqs")));
        endpoints.sqs().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The DynamoDB client of the inventory table. */
    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    private InventoryStore buildStore() {
        String table = settings.requireTableName();
        // The table is not described here: that would be a network call at init. A wrong name fails the
        // first request with ResourceNotFoundException, naming the table.
        return DynamoDbInventoryStore.builder(dynamoDb(), table).clock(clock).sleeper(sleeper)
                .build();
    }

    private AwsSweepScopes buildSweepScopes() {
        return new AwsSweepScopes(settings.sweepConfig(endpoints), credentials.get(), http.get(), clock, sleeper, random);
    }

    private S3Client buildS3() {
        // CloudTrail may deliver to a bucket in another region: follow S3's redirects rather than fail.
        var builder = S3Client.builder().region(region).httpClient(http.get()).credentialsProvider(credentials.get())
                .crossRegionAccessEnabled(true);
        s3Endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        return builder.build();
    }

    private SnsClient buildSns() {
        var builder = SnsClient.builder().region(region).httpClient(http.get()).credentialsProvider(credentials.get());
        snsEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private SqsClient buildSqs() {
        var builder = SqsClient.builder().region(region).httpClient(http.get()).credentialsProvider(credentials.get());
        endpoints.sqs().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private DynamoDbClient buildDynamoDb() {
        // DynamoDbClients' configuration, on an HTTP client of its own that close() can close
        var builder = DynamoDbClient.builder()
                .httpClient(dynamoDbHttp.get())
                .overrideConfiguration(DynamoDbClients.overrides(DynamoDbClients.retryStrategy(),
                        dynamoDbInterceptors.toArray(ExecutionInterceptor[]::new)))
                .region(region)
                .credentialsProvider(credentials.get());
        dynamoDbEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public void close() {
        sweepScopes.built().ifPresent(AwsLambdaResources::closeQuietly);
        for (Once<? extends AutoCloseable> client : List.of(s3, sns, sqs, dynamoDb, ledgerKms, ledgerS3, ledgerSqs)) {
            client.built().ifPresent(AwsLambdaResources::closeQuietly);
        }
        http.built().ifPresent(AwsLambdaResources::closeQuietly);
        dynamoDbHttp.built().ifPresent(AwsLambdaResources::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing " + closeable + " failed", e);
        }
    }

    /** Where the clients connect, with which credentials, and the clock and pacing they run on. */
    public static final class Builder {
        private final LambdaSettings settings;
        private Supplier<AwsCredentialsProvider> credentials = () -> DefaultCredentialsProvider.builder().build();
        // A Lambda container's clock is the assembly's one system clock; everything below takes it.
        private Clock clock = CoreServices.systemClock();
        private Sleeper sleeper = Sleeper.threads();
        private RandomGenerator random = RandomGenerator.getDefault();
        private AwsEndpoints endpoints = AwsEndpoints.DEFAULT;
        private Optional<URI> dynamoDbEndpoint = Optional.empty();
        private Optional<URI> snsEndpoint = Optional.empty();
        private Optional<URI> s3Endpoint = Optional.empty();
        private final List<ExecutionInterceptor> dynamoDbInterceptors = new ArrayList<>();

        private Builder(LambdaSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** The credentials of every client but the assumed roles' (default: the default chain, resolved at first use). */
        public Builder credentials(AwsCredentialsProvider provider) {
            Objects.requireNonNull(provider, "provider");
            this.credentials = () -> provider;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public Builder pacing(Sleeper waits, RandomGenerator jitter) {
            this.sleeper = Objects.requireNonNull(waits, "sleeper");
            this.random = Objects.requireNonNull(jitter, "random");
            return this;
        }

        /** The sweep's endpoints: KMS, STS, Organizations, the Account service, and SQS for every SQS client. */
        public Builder endpoints(AwsEndpoints e) {
            this.endpoints = Objects.requireNonNull(e, "endpoints");
            return this;
        }

        public Builder dynamoDbEndpoint(URI uri) {
            this.dynamoDbEndpoint = Optional.of(uri);
            return this;
        }

        public Builder snsEndpoint(URI uri) {
            this.snsEndpoint = Optional.of(uri);
            return this;
        }

        /** S3 at {@code uri}, addressed path-style (an emulator has no bucket subdomains). */
        public Builder s3Endpoint(URI uri) {
            this.s3Endpoint = Optional.of(uri);
            return this;
        }

        /** Interceptors on the DynamoDB client ({@code DynamoDbRequestCounter}, say). */
        public Builder dynamoDbInterceptor(ExecutionInterceptor interceptor) {
            this.dynamoDbInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        public AwsLambdaResources build() {
            return new AwsLambdaResources(this);
        }
    }
}
