package io.keyledger.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.dynamodb.DynamoDbInventoryStore;
import io.keyledger.aws.dynamodb.DynamoDbTableSchema;
import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.aws.sweep.AwsSweepConfig;
import io.keyledger.aws.sweep.AwsSweepScopes;
import io.keyledger.aws.sweep.SweepFanOut;
import io.keyledger.aws.sweep.SweepRequest;
import io.keyledger.aws.sweep.SweepWorker;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Observation;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweptKey;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.AwsFakes;
import io.keyledger.testkit.emulator.NodeEmulator;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The AWS sweep end to end on the fakes: CloudTrail events are ingested, the fan-out queues one message
 * per scope, and a worker takes each message, assumes the member role, lists KMS and reconciles the scope
 * into the inventory store, which then holds the report: confirmed, untracked, missing and drifted keys.
 * It runs on the in-memory store and on the DynamoDB store (on dynalite, a table of the store's schema
 * per run): the sweep writes through the store interface alone, so both must end the same.
 */
class SweepEndToEndTest {

    static final String MANAGEMENT = "100000000000";
    static final String MEMBER = "222222222222";
    static final String REGION = "eu-west-1";
    static final String ROLE = "KeyLedgerSweep";
    static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

    static final String K_CONFIRMED = "11111111-aaaa-4bbb-8ccc-000000000001";
    static final String K_DISABLED_BY_EVENT = "11111111-aaaa-4bbb-8ccc-000000000002";
    static final String K_DRIFTED = "11111111-aaaa-4bbb-8ccc-000000000003";
    static final String K_MISSING = "11111111-aaaa-4bbb-8ccc-000000000004";
    static final String K_UNTRACKED = "11111111-aaaa-4bbb-8ccc-000000000005";
    static final String K_DENIED = "11111111-aaaa-4bbb-8ccc-000000000006";

    /** The inventory stores the sweep runs into. */
    enum Store { IN_MEMORY, DYNAMODB }

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static NodeEmulator dynalite;
    private static DynamoDbClient dynamoDb;

    private final AwsFakes aws = new AwsFakes(MANAGEMENT);
    private final MutableClock clock = MutableClock.at("2026-11-28T02:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final TenantMapping tenants = new TenantMapping(Map.of("aws:" + MEMBER, "acme"), "default");
    private final SqsClient sqs = aws.sqsClient(MANAGEMENT);
    private final AwsSweepScopes scopes = new AwsSweepScopes(AwsSweepConfig.of("us-east-1", ROLE)
            .withAccounts(List.of(MEMBER)).withEndpoints(FakeEndpoints.of(aws)),
            aws.credentials.staticFor(MANAGEMENT), aws.http(), clock, sleeper, new Random(17));

    @BeforeAll
    static void startDynalite() {
        dynalite = NodeEmulator.dynalite();
        dynamoDb = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(dynalite.endpoint()))
                // dynalite checks that requests are signed, not by whom
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void stopDynalite() {
        dynamoDb.close();
        dynalite.close();
    }

    private InventoryStore open(Store kind) {
        return switch (kind) {
            case IN_MEMORY -> new InMemoryInventoryStore(clock);
            case DYNAMODB -> {
                String table = "sweep-e2e-" + TABLES.incrementAndGet();
                DynamoDbTableSchema.createTable(dynamoDb, table);
                yield DynamoDbInventoryStore.builder(dynamoDb, table).clock(clock).sleeper(sleeper).build();
            }
        };
    }

    @AfterEach
    void close() {
        scopes.close();
        sqs.close();
        aws.close();
    }

    /** The services a worker container assembles, on {@code store}, without anomaly rules. */
    private CoreServices services(InventoryStore store) {
        return CoreServices.of(store, clock, CoreSettings.DEFAULTS.withTenants(tenants).withoutAnomalyDetection());
    }

    @ParameterizedTest(name = "into the {0} store")
    @EnumSource(Store.class)
    void eventsThenASweepOfEveryScopeThroughTheQueue(Store kind) throws IOException {
        InventoryStore store = open(kind);
        CoreServices services = services(store);
        InventoryService inventory = services.inventory();
        // GIVEN a member account whose keys were created (and one disabled) with CloudTrail recording it
        aws.sts.role(MEMBER, ROLE, Optional.empty());
        aws.account.region(MEMBER, REGION, "ENABLED");
        aws.account.region(MEMBER, "us-east-1", "ENABLED_BY_DEFAULT");
        for (String k : List.of(K_CONFIRMED, K_DISABLED_BY_EVENT, K_DRIFTED, K_MISSING, K_DENIED)) {
            inventory.apply(decode(CloudTrail.createKey(MEMBER, REGION, k, CREATED, "orders")));
            aws.kms.addKey(MEMBER, REGION, k, CREATED).description("orders data").tag("Owner", "orders");
        }
        inventory.apply(decode(CloudTrail.disableKey(MEMBER, REGION, K_DISABLED_BY_EVENT, CREATED.plusSeconds(600))));
        aws.kms.key(MEMBER, REGION, K_DISABLED_BY_EVENT).orElseThrow().state("Disabled");
        // ... and what CloudTrail did not deliver: a key disabled, a key deleted, a key created
        aws.kms.key(MEMBER, REGION, K_DRIFTED).orElseThrow().state("Disabled");
        aws.kms.deleteKey(MEMBER, REGION, K_MISSING);
        aws.kms.addKey(MEMBER, REGION, K_UNTRACKED, CREATED.plusSeconds(3600));
        aws.kms.deny("DescribeKey", K_DENIED);
        String queue = aws.sqs.createQueue(MANAGEMENT, "keyledger-sweeps");

        // WHEN the sweep fans out over the account's enabled Regions and a worker takes each message
        AwsSweepScopes.ScopeListing listing = scopes.scopes();
        SweepFanOut.Result sent = new SweepFanOut(sqs, queue, tenants, scopes.config().kms().pacing(), sleeper,
                new Random(3)).enqueue("sweep-2026-11-28", listing.scopes());
        SweepWorker worker = new SweepWorker(scopes::keySource, services);
        List<SweepOutcome> outcomes = new ArrayList<>();
        for (Message m : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages()) {
            outcomes.add(worker.handle(m.body()));
            sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
        }

        // THEN each scope has its report, in the store, with every key classed
        assertThat(sent.sent()).isEqualTo(2);
        assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(o.complete()).isTrue());
        SweepReport report = outcomes.stream().map(SweepOutcome::report)
                .filter(r -> r.scope().location().equals(REGION)).findFirst().orElseThrow();
        Map<String, SweptKey> byKey = report.keys().stream().collect(Collectors.toMap(SweptKey::keyId, k -> k));
        assertThat(byKey.get(id(K_CONFIRMED)).keyClass()).as(byKey.get(id(K_CONFIRMED)).reasons().toString())
                .isEqualTo(KeyClass.CONFIRMED);
        assertThat(byKey.get(id(K_DISABLED_BY_EVENT)).keyClass()).isEqualTo(KeyClass.CONFIRMED);
        assertThat(byKey.get(id(K_DRIFTED)).keyClass()).isEqualTo(KeyClass.DRIFTED);
        assertThat(byKey.get(id(K_DRIFTED)).reasons()).contains("state ACTIVE -> SUSPENDED");
        assertThat(byKey.get(id(K_MISSING)).keyClass()).isEqualTo(KeyClass.MISSING);
        assertThat(byKey.get(id(K_UNTRACKED)).keyClass()).isEqualTo(KeyClass.UNTRACKED);
        assertThat(byKey.get(id(K_DENIED)).partiallyObserved()).isTrue();
        assertThat(byKey.get(id(K_DENIED)).reasons()).singleElement().asString().startsWith("DescribeKey: AccessDeniedException");
        assertThat(report.tenant()).isEqualTo("acme");
        assertThat(report.explainedByEvents()).as("the confirmed keys, the denied one among them").isEqualTo(3);
        assertThat(store.sweepReports("acme", PageRequest.first(10)).items())
                .extracting(r -> r.scope().location()).containsExactlyInAnyOrder(REGION, "us-east-1");

        CryptoAsset drifted = inventory.asset("acme", id(K_DRIFTED)).orElseThrow();
        assertThat(drifted.state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(inventory.asset("acme", id(K_MISSING)).orElseThrow().state()).isEqualTo(LifecycleState.DESTROYED);
        assertThat(inventory.asset("acme", id(K_DENIED)).orElseThrow().provenance().observation())
                .isEqualTo(Observation.PARTIAL);
        assertThat(aws.kms.requests()).allSatisfy(r -> assertThat(r.account()).isEqualTo(MEMBER));
        assertThat(aws.sweepOperationsReceived()).as("what the sweep sent is what it declares")
                .isNotEmpty().isSubsetOf(declared(scopes.operations()));
    }

    @Test
    void theSweepSendsEveryOperationItDeclaresAndNoOther() {
        // GIVEN an organisation whose accounts and Regions are to be found, and a key that needs every read:
        // symmetric with KMS-generated material (rotation), customer managed (tags), with an alias
        AwsSweepScopes organisation = new AwsSweepScopes(AwsSweepConfig.of("us-east-1", ROLE)
                .withEndpoints(FakeEndpoints.of(aws)), aws.credentials.staticFor(MANAGEMENT), aws.http(), clock, sleeper,
                new Random(5));
        aws.organizations.account(MEMBER, "acme-prod", "ACTIVE");
        aws.sts.role(MEMBER, ROLE, Optional.empty());
        aws.account.region(MEMBER, REGION, "ENABLED");
        aws.kms.addKey(MEMBER, REGION, K_CONFIRMED, CREATED).tag("Owner", "orders").rotation(true, 365, Optional.empty());
        aws.kms.alias(MEMBER, REGION, "alias/orders", Optional.of(K_CONFIRMED));
        InventoryStore store = open(Store.IN_MEMORY);

        // WHEN the scopes are found and each is swept
        AwsSweepScopes.ScopeListing listing = organisation.scopes();
        SweepWorker worker = new SweepWorker(organisation::keySource, services(store));
        List<SweepOutcome> outcomes = listing.scopes().stream()
                .map(scope -> worker.handle(SweepRequest.of("sweep-declared", scope, Optional.of("acme")))).toList();
        organisation.close();

        // THEN every request the fakes received is a declared operation, and every declared one was sent
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.complete()).isTrue());
        assertThat(aws.sweepOperationsReceived()).containsExactlyInAnyOrderElementsOf(declared(organisation.operations()));
    }

    @Test
    void aMessageNamingAnotherTenantIsRefusedBeforeAnythingIsRead() {
        SweepWorker worker = new SweepWorker(scopes::keySource, services(open(Store.IN_MEMORY)));
        String body = new SweepRequest("s1", MEMBER, REGION, Optional.of("globex"), Optional.empty()).toJson();

        assertThatThrownBy(() -> worker.handle(body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names tenant 'globex', but account " + MEMBER + " belongs to tenant 'acme'");
        assertThatThrownBy(() -> worker.handle("{\"type\":\"keyledger.sweep.scope\",\"account\":\"1\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'sweepId' is missing");
        assertThat(aws.kms.requests()).isEmpty();
    }

    /** The declared operations as the fakes name what they received: {@code service:Operation}. */
    private static Set<String> declared(Set<ApiOperation> operations) {
        return operations.stream().map(o -> o.service() + ":" + o.name()).collect(Collectors.toSet());
    }

    private static String id(String keyId) {
        return "aws:arn:aws:kms:" + REGION + ":" + MEMBER + ":key/" + keyId;
    }

    private static List<KeyEvent> decode(String record) throws IOException {
        List<KeyEvent> out = new ArrayList<>();
        Decoders.of(AwsDecoders.all()).read("trail.json", new ByteArrayInputStream(record.getBytes(StandardCharsets.UTF_8)),
                r -> {
                    if (r instanceof DecodedRecord.Event e) {
                        out.add(e.event());
                    }
                });
        assertThat(out).as("decoded " + record).isNotEmpty();
        return out;
    }
}
