package io.keyledger.tests.aws.lambda;

import io.keyledger.aws.dynamodb.DynamoDbInventoryStore;
import io.keyledger.aws.dynamodb.DynamoDbTableSchema;
import io.keyledger.aws.lambda.AwsLambdaResources;
import io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration;
import io.keyledger.aws.lambda.LambdaSettings;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.AwsFakes;
import io.keyledger.testkit.aws.LambdaContext;
import io.keyledger.testkit.emulator.NodeEmulator;
import io.keyledger.tests.aws.FakeEndpoints;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Lambda functions as Lambda runs them, on everything AWS would be: Spring Cloud Function's real
 * {@link FunctionInvoker} started the way Lambda starts it ({@code MAIN_CLASS} and the function's
 * definition set, the handler built once per function and called with the event's bytes and a context),
 * on the production {@link AwsLambdaResources} pointed at dynalite for DynamoDB (a table with the store's
 * schema per rig) and at the wire-level fakes for KMS, STS, Organizations, the Account service, SQS and
 * SNS. The clock is the rig's, and waits move it.
 *
 * <p>The deployment: a central account {@value #CENTRAL}; tenant {@code acme} owns account {@value #ACME},
 * tenant {@code globex} account {@value #GLOBEX}; each has the member role {@value #ROLE}.
 */
final class LambdaRig implements AutoCloseable {

    static final String CENTRAL = "100000000000";
    static final String ACME = "222222222222";
    static final String GLOBEX = "333333333333";
    static final String ROLE = "KeyLedgerSweepRole";
    static final String REGION = "us-east-1";

    static final String ADMIN = "arn:aws:sts::100000000000:assumed-role/KeyLedgerAdmins/ann";
    static final String AUDITOR = "arn:aws:sts::100000000000:assumed-role/KeyLedgerAuditors/audrey";
    static final String VIEWER = "arn:aws:iam::100000000000:user/viewer-vic";
    static final String STRANGER = "arn:aws:sts::100000000000:assumed-role/SomeoneElse/eve";

    static final String PRINCIPALS = """
            {"principals": [
              {"iamArn": "arn:aws:iam::100000000000:role/KeyLedgerAdmins", "tenants": {"acme": ["admin"]}},
              {"iamArn": "arn:aws:iam::100000000000:role/KeyLedgerAuditors", "tenants": {"acme": ["auditor"]}},
              {"iamArn": "arn:aws:iam::100000000000:user/viewer-*", "tenants": {"acme": ["viewer"]}}
            ]}""";

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger TABLES = new AtomicInteger();

    /** The queue's own time: a test moves it past a visibility timeout; the functions' waits do not move it. */
    final MutableClock queueClock = MutableClock.at("2026-11-28T02:00:00Z");
    final AwsFakes aws = new AwsFakes(CENTRAL, queueClock);
    final MutableClock clock = MutableClock.at("2026-11-28T02:00:00Z");
    final FakeSleeper sleeper = new FakeSleeper(clock);
    final String table = "keyledger-" + TABLES.incrementAndGet();
    final String queueUrl = aws.sqs.createQueue(CENTRAL, "keyledger-sweeps");
    final String topicArn = aws.sns.createTopic(CENTRAL, REGION, "keyledger-alerts");
    final SqsClient sqs = aws.sqsClient(CENTRAL);

    /** The credentials of every client of the rig: an account's static key of the fakes. */
    private AwsCredentialsProvider credentials = aws.credentials.staticFor(CENTRAL);
    private Optional<URI> s3 = Optional.empty();
    private final NodeEmulator dynalite;
    private final DynamoDbClient dynamoDb;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<AwsLambdaResources> built = new ArrayList<>();
    private final Map<String, FunctionInvoker> invokers = new HashMap<>();

    LambdaRig(NodeEmulator dynalite) {
        this.dynalite = dynalite;
        this.dynamoDb = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(dynalite.endpoint()))
                .credentialsProvider(aws.credentials.staticFor(CENTRAL)).httpClient(aws.http()).build();
        DynamoDbTableSchema.createTable(dynamoDb, table);
        environment.put(LambdaSettings.AWS_REGION, REGION);
        environment.put(LambdaSettings.TABLE_NAME, table);
        environment.put(LambdaSettings.SWEEP_QUEUE_URL, queueUrl);
        environment.put(LambdaSettings.ALERT_TOPIC_ARN, topicArn);
        environment.put(LambdaSettings.MEMBER_ROLE_NAME, ROLE);
        environment.put(LambdaSettings.TENANTS, "{\"" + ACME + "\": \"acme\", \"" + GLOBEX + "\": \"globex\"}");
        environment.put(LambdaSettings.ADMIN_PRINCIPALS, PRINCIPALS);
        for (String account : List.of(ACME, GLOBEX)) {
            aws.sts.role(account, ROLE, Optional.empty());
            aws.organizations.account(account, account.equals(ACME) ? "acme-prod" : "globex-prod", "ACTIVE");
            aws.account.region(account, REGION, "ENABLED_BY_DEFAULT");
            aws.account.region(account, "eu-west-1", "ENABLED");
        }
    }

    /** The ledger key in KMS, once {@link #withLedger} made it. */
    String ledgerKeyArn;
    /** The checkpoint queue, once {@link #withLedger} made it. */
    String checkpointQueueUrl;
    /** The ledger bucket, one per rig on the shared emulator. */
    final String ledgerBucket = "keyledger-ledger-" + table.substring(table.lastIndexOf('-') + 1);

    /**
     * The deployment's ledger: an ECC_NIST_P256 signing key in KMS (the fake), the ledger bucket on s3rver,
     * the checkpoint queue (the fake). s3rver knows one access key, which the fakes then take as the central
     * account's, so every client of the rig uses it.
     */
    LambdaRig withLedger(NodeEmulator s3rver) {
        credentials = aws.credentials.staticAs("S3RVER", "S3RVER", CENTRAL);
        s3 = Optional.of(URI.create(s3rver.endpoint()));
        ledgerKeyArn = aws.kms.addKey(CENTRAL, REGION, "ledger-key", clock.instant()).signing().arn();
        checkpointQueueUrl = aws.sqs.createQueue(CENTRAL, "keyledger-checkpoints");
        try (S3Client client = s3Client()) {
            client.createBucket(b -> b.bucket(ledgerBucket));
        }
        return env(LambdaSettings.LEDGER_KEY_ARN, ledgerKeyArn).env(LambdaSettings.LEDGER_BUCKET, ledgerBucket)
                .env(LambdaSettings.CHECKPOINT_QUEUE_URL, checkpointQueueUrl);
    }

    /** A client of the ledger bucket, as an auditor (or an attacker) reaches it. */
    S3Client s3Client() {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(s3.orElseThrow()).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(aws.http())
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    /** The checkpoint requests the writers queued, taken off the queue. */
    List<Message> checkpointRequests() {
        return sqs.receiveMessage(r -> r.queueUrl(checkpointQueueUrl).maxNumberOfMessages(10)).messages();
    }

    /** Sets a variable of every function started from now on (null: unset). */
    LambdaRig env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    /** Calls {@code function} with {@code event}, as Lambda does, and answers its response. */
    String invoke(String function, byte[] event) throws IOException {
        FunctionInvoker invoker = invokers.computeIfAbsent(function, this::start);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event), out,
                new LambdaContext(UUID.nameUUIDFromBytes(event).toString(), "KeyLedger-" + function));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A container of {@code function}: its context started on this rig's environment and resources. */
    private FunctionInvoker start(String function) {
        LambdaSettings settings = LambdaSettings.fromEnvironment(environment);
        System.setProperty("MAIN_CLASS", KeyLedgerLambdaConfiguration.class.getName());
        System.setProperty(KeyLedgerLambdaConfiguration.DEFINITION, function);
        try (var override = KeyLedgerLambdaConfiguration.overrideResources(() -> resources(settings))) {
            return new FunctionInvoker(function);
        } finally {
            System.clearProperty(KeyLedgerLambdaConfiguration.DEFINITION);
            System.clearProperty("MAIN_CLASS");
        }
    }

    /** The production resources, with the rig's endpoints, credentials, clock and waits. */
    AwsLambdaResources resources(LambdaSettings settings) {
        AwsLambdaResources.Builder builder = AwsLambdaResources.builder(settings)
                .credentials(credentials)
                .endpoints(FakeEndpoints.of(aws))
                .dynamoDbEndpoint(URI.create(dynalite.endpoint()))
                .snsEndpoint(aws.sns.uri())
                .clock(clock)
                .pacing(sleeper, new Random(7));
        s3.ifPresent(builder::s3Endpoint);
        AwsLambdaResources resources = builder.build();
        built.add(resources);
        return resources;
    }

    /** The inventory table, read as the functions read it. */
    DynamoDbInventoryStore store() {
        return DynamoDbInventoryStore.create(dynamoDb, table, clock);
    }

    /** The sweep queue's messages, taken off the queue as Lambda's event source mapping takes them. */
    List<Message> receive() {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
    }

    /** One poll of the sweep queue's event source mapping: what it received, and the function's response. */
    record Delivery(List<Message> messages, String response) {
    }

    /**
     * Polls the sweep queue as Lambda's event source mapping does for {@code function}: receives its visible
     * messages with their system attributes, invokes the function with them as one SQS event, and deletes
     * those the response does not name in its batch item failures; the others come back once their
     * visibility timeout has passed.
     */
    Delivery deliver(String function) throws IOException {
        List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (batch.isEmpty()) {
            throw new IllegalStateException("nothing to deliver: the sweep queue has no visible message");
        }
        String response = invoke(function, sqsEvent(batch));
        Set<String> failed = new HashSet<>();
        JSON.readTree(response).path("batchItemFailures").values().forEach(f -> failed.add(f.get("itemIdentifier").asString()));
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!failed.contains(batch.get(i).messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id("m" + i).receiptHandle(batch.get(i).receiptHandle())
                        .build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
        }
        return new Delivery(batch, response);
    }

    /** An SQS batch as Lambda delivers it to the sweep worker, from the recorded record's layout. */
    static byte[] sqsEvent(List<Message> messages) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(resource("sqs-sweep-record.json"));
        ObjectNode template = (ObjectNode) event.get("Records").get(0);
        ArrayNode records = JSON.createArrayNode();
        for (Message m : messages) {
            ObjectNode r = template.deepCopy();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            r.put("md5OfBody", m.md5OfBody());
            m.attributesAsStrings().forEach(((ObjectNode) r.get("attributes"))::put);
            records.add(r);
        }
        event.set("Records", records);
        return JSON.writeValueAsBytes(event);
    }

    /** An SQS batch of bodies, each its own message. */
    static byte[] sqsEventOfBodies(List<String> ids, List<String> bodies) throws IOException {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            messages.add(Message.builder().messageId(ids.get(i)).receiptHandle("rh-" + ids.get(i)).body(bodies.get(i))
                    .md5OfBody("00000000000000000000000000000000").build());
        }
        return sqsEvent(messages);
    }

    /**
     * A function URL request (payload 2.0) signed by {@code callerArn} (empty: a URL without IAM auth, no
     * authorizer in the context), from the recorded events' layout.
     */
    static byte[] request(String method, String rawPath, String rawQuery, Optional<String> callerArn,
                          Map<String, String> headers, Optional<String> body) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(resource(callerArn.isPresent()
                ? "function-url-iam.json" : "function-url-none.json"));
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        ObjectNode http = (ObjectNode) event.get("requestContext").get("http");
        http.put("method", method);
        http.put("path", java.net.URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8));
        callerArn.ifPresent(arn -> ((ObjectNode) event.get("requestContext").get("authorizer").get("iam"))
                .put("userArn", arn));
        ObjectNode h = (ObjectNode) event.get("headers");
        headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v));
        body.ifPresent(b -> {
            event.put("body", b);
            h.put("content-type", "application/json");
        });
        return JSON.writeValueAsBytes(event);
    }

    static byte[] get(String rawPath, String rawQuery, String callerArn) throws IOException {
        return request("GET", rawPath, rawQuery, Optional.of(callerArn), Map.of(), Optional.empty());
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = LambdaRig.class.getResourceAsStream("/aws/lambda/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource aws/lambda/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** A function URL response: status, headers, the body and whether it is base64. */
    record Response(int status, Map<String, String> headers, String body, boolean base64) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static Response response(String output) {
        JsonNode r = JSON.readTree(output);
        Map<String, String> headers = new LinkedHashMap<>();
        if (r.has("headers") && !r.get("headers").isNull()) {
            r.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        }
        return new Response(r.get("statusCode").asInt(), headers,
                r.has("body") && !r.get("body").isNull() ? r.get("body").asString() : "",
                r.get("isBase64Encoded").asBoolean());
    }

    @Override
    public void close() {
        built.forEach(AwsLambdaResources::close);
        sqs.close();
        dynamoDb.close();
        aws.close();
    }
}
