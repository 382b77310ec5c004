package io.keyledger.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.s3.S3ObjectReader;
import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.alert.RecordingSink;
import io.keyledger.testkit.aws.LambdaContext;
import io.keyledger.testkit.aws.S3rver;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The functions through the real Lambda entry point, Spring Cloud Function's {@link FunctionInvoker}
 * (started as Lambda starts it: {@code MAIN_CLASS} names the configuration, the handler is built once and
 * called with the event's bytes and a context), on the AWS adapter's real-format samples. Only the
 * resources are the test's: an in-memory store, s3rver behind the real S3 client, a recording alert sink.
 */
class LambdaEntryPointTest {

    private static final String BUCKET = "amzn-s3-demo-trail-bucket";
    private static final String LOG_FILE = "111122223333_CloudTrail_us-east-1_20260115T0905Z_a1b2c3d4e5f6g7h8.json.gz";
    private static final String LOG_DIR = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/15/";
    private static final String K1 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String K_EXT = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";
    private static final String K_MRK = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path s3Directory;
    static S3rver s3rver;

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final List<Alert> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger resourcesBuilt = new AtomicInteger();
    private KeyLedgerLambdaConfiguration.ResourcesOverride override;

    @BeforeAll
    static void startS3() throws IOException {
        System.setProperty("MAIN_CLASS", KeyLedgerLambdaConfiguration.class.getName());
        s3rver = new S3rver(s3Directory);
        s3rver.createBucket(BUCKET);
        byte[] log = resource("logs/" + LOG_FILE);
        s3rver.put(BUCKET, LOG_DIR + LOG_FILE, log);
        s3rver.put(BUCKET, "audit logs/" + LOG_DIR + LOG_FILE, log);
    }

    @AfterAll
    static void stopS3() {
        s3rver.close();
        System.clearProperty("MAIN_CLASS");
    }

    @BeforeEach
    void useTestResources() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of(
                LambdaSettings.AWS_REGION, "us-east-1",
                LambdaSettings.TENANTS, "{\"accounts\": {\"aws:111122223333\": \"acme\"}, \"default\": \"unmapped\"}"));
        AlertSink recording = new RecordingSink(sent);
        override = KeyLedgerLambdaConfiguration.overrideResources(() -> {
            resourcesBuilt.incrementAndGet();
            return LambdaResources.of(settings, clock, store, new S3ObjectReader(s3rver.client()), List.of(recording));
        });
    }

    @AfterEach
    void restoreResources() {
        override.close();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = LambdaEntryPointTest.class.getResourceAsStream("/aws/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource aws/" + name);
            }
            return in.readAllBytes();
        }
    }

    static String invoke(FunctionInvoker invoker, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event), out, new LambdaContext("c0ffee00-1111-2222-3333-444455556666",
                "keyledger-test"));
        return out.toString(StandardCharsets.UTF_8);
    }

    private Map<String, CryptoAsset> keys(String tenant) {
        return store.assets(tenant, AssetQuery.ALL, PageRequest.first(100)).items().stream()
                .collect(Collectors.toMap(a -> a.ref().nativeId(), a -> a));
    }

    // --- ingestEvents ------------------------------------------------------------------------------

    @Test
    void ingestEventsAppliesAnEventBridgeCloudTrailEventToTheMappedTenant() throws IOException {
        FunctionInvoker invoker = new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_EVENTS);

        String response = invoke(invoker, resource("eventbridge/api-call-DisableKey.json"));

        assertThat(keys("acme")).containsOnlyKeys(K1);
        assertThat(keys("acme").get(K1).state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(store.eventsForKey("acme", keys("acme").get(K1).ref().id())).singleElement()
                .satisfies(e -> assertThat(e.event().eventId()).isEqualTo("f8380797-aa76-58ac-9e2f-77f420e6f633"));
        JsonNode outcome = JSON.readTree(response);
        assertThat(outcome.get("applied").asInt()).isEqualTo(1);
        assertThat(outcome.get("failedMessageIds").size()).isZero();
    }

    @Test
    void ingestEventsTakesKmsOwnEventsAndIsIdempotentOnRedelivery() throws IOException {
        FunctionInvoker invoker = new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_EVENTS);

        invoke(invoker, resource("eventbridge/kms-cmk-rotation.json"));
        String again = invoke(invoker, resource("eventbridge/kms-cmk-rotation.json"));

        assertThat(keys("acme")).containsOnlyKeys(K1);
        assertThat(store.eventsForKey("acme", keys("acme").get(K1).ref().id())).hasSize(1);
        assertThat(JSON.readTree(again).get("duplicates").asInt()).isEqualTo(1);
        assertThat(resourcesBuilt).as("one container, one set of resources").hasValue(1);
    }

    @Test
    void ingestEventsFailsTheInvocationOnABadEventSoThatEventBridgeRetriesIt() throws IOException {
        FunctionInvoker invoker = new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_EVENTS);
        ObjectNode broken = (ObjectNode) JSON.readTree(resource("eventbridge/api-call-DisableKey.json"));
        ((ObjectNode) broken.get("detail")).remove("eventTime");

        assertThatThrownBy(() -> invoke(invoker, JSON.writeValueAsBytes(broken)))
                .isInstanceOf(IngestFailedException.class)
                .hasMessageStartingWith("ingestEvents: 1 of 1 messages not ingested")
                .hasMessageContaining("eventTime");
        assertThat(keys("acme")).isEmpty();
    }

    @Test
    void theFunctionAndItsResourcesAreBuiltAtInitNotOnTheFirstInvocation() {
        new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_EVENTS);

        assertThat(resourcesBuilt).hasValue(1);
    }

    // --- ingestQueue -------------------------------------------------------------------------------

    /** An SQS batch as Lambda delivers it, one message per body, from the recorded sample's layout. */
    static byte[] sqsBatch(String queueArn, List<String> messageIds, List<String> bodies) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(resource("sqs/eventbridge-body.json"));
        ObjectNode template = (ObjectNode) event.get("Records").get(0);
        ArrayNode records = JSON.createArrayNode();
        for (int i = 0; i < bodies.size(); i++) {
            ObjectNode m = template.deepCopy();
            m.put("messageId", messageIds.get(i));
            m.put("receiptHandle", "MessageReceiptHandle-" + messageIds.get(i));
            m.put("body", bodies.get(i));
            m.put("eventSourceARN", queueArn);
            if (queueArn.endsWith(".fifo")) {
                ObjectNode attributes = (ObjectNode) m.get("attributes");
                attributes.put("MessageGroupId", "111122223333");
                attributes.put("SequenceNumber", "1868500000000000000" + i);
                attributes.put("MessageDeduplicationId", messageIds.get(i));
            }
            records.add(m);
        }
        event.set("Records", records);
        return JSON.writeValueAsBytes(event);
    }

    private static List<String> failedIds(String response) {
        List<String> ids = new ArrayList<>();
        JsonNode failures = JSON.readTree(response).get("batchItemFailures");
        failures.values().forEach(f -> ids.add(f.get("itemIdentifier").asString()));
        return ids;
    }

    private static final List<String> IDS = List.of("4d0b1b3c-0001-4a7e-9d1e-5f3b8c2a7e01",
            "4d0b1b3c-0002-4a7e-9d1e-5f3b8c2a7e02", "4d0b1b3c-0003-4a7e-9d1e-5f3b8c2a7e03");

    private static List<String> bodiesWithABadOneInTheMiddle() throws IOException {
        return List.of(new String(resource("eventbridge/api-call-DisableKey.json"), StandardCharsets.UTF_8),
                "{\"version\":\"0\",\"id\":\"0e4c1f57\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.kms\",\"det",
                new String(resource("eventbridge/kms-imported-key-material-expiration.json"), StandardCharsets.UTF_8));
    }

    @Test
    void ingestQueueFailsExactlyTheBadMessageOfAStandardQueueBatch() throws IOException {
        FunctionInvoker invoker = new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_QUEUE);

        String response = invoke(invoker, sqsBatch("arn:aws:sqs:us-east-1:111122223333:keyledger-ingest", IDS,
                bodiesWithABadOneInTheMiddle()));

        assertThat(failedIds(response)).containsExactly(IDS.get(1));
        assertThat(keys("acme")).containsOnlyKeys(K1, K_EXT);
        assertThat(keys("acme").get(K_EXT).state()).isEqualTo(LifecycleState.PRE_ACTIVATION);
    }

    @Test
    void ingestQueueOnAFifoQueueFailsTheRestOfTheBatchAfterTheFirstFailure() throws IOException {
        FunctionInvoker invoker = new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_QUEUE);

        String response = invoke(invoker, sqsBatch("arn:aws:sqs:us-east-1:111122223333:keyledger-ingest.fifo", IDS,
                bodiesWithABadOneInTheMiddle()));

        assertThat(failedIds(response)).containsExactly(IDS.get(1), IDS.get(2));
        assertThat(keys("acme")).as("the message after the failure is not applied").containsOnlyKeys(K1);
    }

    @Test
    void ingestQueueAnswersAnEmptyFailureListWhenEverythingWasApplied() throws IOException {
        FunctionInvoker invoker = new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_QUEUE);

        String response = invoke(invoker, resource("sqs/eventbridge-body.json"));

        assertThat(JSON.readTree(response)).isEqualTo(JSON.readTree("{\"batchItemFailures\": []}"));
        assertThat(keys("acme")).containsOnlyKeys(K1);
    }

    @Test
    void ingestQueueFollowsAnSnsWrappedS3NotificationToTheLogFileInS3() throws IOException {
        FunctionInvoker invoker = new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_QUEUE);

        String response = invoke(invoker, resource("sqs/sns-s3-notification-body.json"));

        assertThat(failedIds(response)).isEmpty();
        assertThat(keys("acme")).containsKeys(K1, K_EXT, K_MRK);
    }

    // --- ingestS3Logs ------------------------------------------------------------------------------

    @Test
    void ingestS3LogsReadsTheGzipLogFileTheNotificationNamesAndAppliesEveryKeyEvent() throws IOException {
        FunctionInvoker invoker = new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_S3_LOGS);

        String response = invoke(invoker, resource("s3/cloudtrail-log-created.json"));

        Map<String, CryptoAsset> keys = keys("acme");
        assertThat(keys).containsKeys(K1, K_EXT, K_MRK);
        assertThat(keys.get(K1).state()).as("disabled, then enabled again").isEqualTo(LifecycleState.ACTIVE);
        assertThat(keys.get(K_MRK).state()).as("scheduled for deletion").isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(store.tenants()).doesNotContain("unmapped");
        JsonNode outcome = JSON.readTree(response);
        assertThat(outcome.get("applied").asInt()).isPositive();
        assertThat(outcome.get("ignored").asInt()).as("ListBuckets, AssumeRole, DescribeInstances").isPositive();
        // Alerts reach the sinks exactly as they are stored.
        List<Alert> stored = store.alerts("acme", Optional.empty(), PageRequest.first(100)).items();
        assertThat(sent).containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void ingestS3LogsFailsNamingAnObjectThatIsNotThere() throws IOException {
        FunctionInvoker invoker = new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_S3_LOGS);
        String notification = new String(resource("s3/cloudtrail-log-created.json"), StandardCharsets.UTF_8)
                .replace("a1b2c3d4e5f6g7h8.json.gz", "0000000000000000.json.gz");

        assertThatThrownBy(() -> invoke(invoker, notification.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IngestFailedException.class)
                .hasMessageContaining("s3://" + BUCKET + "/audit logs/" + LOG_DIR
                        + "111122223333_CloudTrail_us-east-1_20260115T0905Z_0000000000000000.json.gz: no such object");
        assertThat(keys("acme")).isEmpty();
    }
}
