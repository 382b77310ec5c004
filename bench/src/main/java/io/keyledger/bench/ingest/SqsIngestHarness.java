package io.keyledger.bench.ingest;

import io.keyledger.aws.dynamodb.DynamoDbInventoryStore;
import io.keyledger.aws.dynamodb.DynamoDbRequestCounter;
import io.keyledger.aws.dynamodb.DynamoDbTableSchema;
import io.keyledger.aws.lambda.AwsLambdaResources;
import io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration;
import io.keyledger.aws.lambda.LambdaSettings;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.aws.LambdaContext;
import io.keyledger.testkit.emulator.NodeEmulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ingest throughput through the SQS entry point into DynamoDB: SQS batches of KMS events (CloudTrail
 * records in EventBridge's envelope, as the deployment's EventBridge rules queue them) go through Spring
 * Cloud Function's {@code FunctionInvoker} to the {@code ingestQueue} function, as Lambda calls it, on the
 * production resources ({@link AwsLambdaResources}, the DynamoDB store and client configuration) pointed at
 * dynalite. It prints events per second, the batch latencies, and DynamoDB's requests per ingested event
 * ({@link DynamoDbRequestCounter} on the function's own client), for new events and for the same batches
 * delivered again. Run it from the Lambda jar and bench's classes (see bench/README.md); it exits with 1
 * when a batch reports a failure or the inventory does not hold what was sent, with 2 on a bad option.
 */
public final class SqsIngestHarness {

    static final String USAGE = String.join("\n",
            "usage: java -cp bench/target/classes:testkit/target/classes:adapters-aws/target/keyledger-aws-lambda.jar "
                    + "io.keyledger.bench.ingest.SqsIngestHarness [options]",
            "  --keys N          keys whose events are measured, " + KmsEventBridgeEvents.PER_KEY + " events each (250)",
            "  --warmup-keys N   keys ingested first, not measured (50)",
            "  --batch-size N    messages per SQS batch, 1 to 10,000 (10, the deployment's; more as a batching window gathers)",
            "  --uses N          cryptographic uses of each measured key after its lifecycle, 0 for none (100)");

    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:111122223333:keyledger-ingest";

    record Options(int keys, int warmupKeys, int batchSize, int uses) {
        Options {
            require(keys >= 1, "--keys must be at least 1");
            require(warmupKeys >= 0, "--warmup-keys must not be negative");
            // Lambda takes up to 10 messages a batch, or up to 10,000 with a batching window (standard queues)
            require(batchSize >= 1 && batchSize <= 10_000, "--batch-size must be 1 to 10000");
            require(uses >= 0, "--uses must not be negative");
        }

        static Options parse(String... args) {
            Map<String, Integer> given = new HashMap<>();
            Set<String> names = Set.of("--keys", "--warmup-keys", "--batch-size", "--uses");
            for (int i = 0; i < args.length; i += 2) {
                require(names.contains(args[i]), "unknown option " + args[i]);
                require(i + 1 < args.length, args[i] + " needs a value");
                try {
                    given.put(args[i], Integer.parseInt(args[i + 1]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(args[i] + ": not a whole number: " + args[i + 1]);
                }
            }
            return new Options(given.getOrDefault("--keys", 250), given.getOrDefault("--warmup-keys", 50),
                    given.getOrDefault("--batch-size", 10), given.getOrDefault("--uses", 100));
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** What one pass over the batches cost. */
    record Pass(String name, int batches, int events, long nanos, long[] batchNanos, DynamoDbRequestCounter.Snapshot dynamoDb,
                long dynamoDbNanos, List<String> problems) {
        double seconds() {
            return nanos / 1e9;
        }

        double eventsPerSecond() {
            return events / seconds();
        }

        double perEvent(long count) {
            return (double) count / events;
        }

        double percentileMillis(double p) {
            long[] sorted = batchNanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    private SqsIngestHarness() {
    }

    public static void main(String[] args) throws IOException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        List<String> problems = run(options).problems();
        problems.forEach(p -> System.out.println("PROBLEM: " + p));
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** The measured passes (no uses pass when none were asked for), the items the table holds, and what was wrong. */
    record Result(Pass fresh, Optional<Pass> uses, Pass redelivered, Map<String, TableItems> table,
                  List<String> problems) {
    }

    /** Items of one type in the table: how many, and their bytes as DynamoDB counts them (names and values). */
    record TableItems(long items, long bytes) {
    }

    static Result run(Options options) throws IOException {
        // the functions log every batch at INFO; the harness prints its own figures
        System.setProperty("logging.level.io.keyledger", "WARN");
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("bench", "bench"));
        try (NodeEmulator dynalite = NodeEmulator.dynalite();
             DynamoDbClient admin = DynamoDbClient.builder().region(Region.US_EAST_1)
                     .endpointOverride(URI.create(dynalite.endpoint())).credentialsProvider(credentials).build()) {
            String table = "keyledger-bench";
            DynamoDbTableSchema.createTable(admin, table);
            DynamoDbRequestCounter counter = new DynamoDbRequestCounter();
            DynamoDbTime time = new DynamoDbTime();
            LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of(
                    LambdaSettings.AWS_REGION, KmsEventBridgeEvents.REGION,
                    LambdaSettings.TABLE_NAME, table,
                    LambdaSettings.TENANTS, "{\"" + KmsEventBridgeEvents.ACCOUNT + "\": \"acme\"}"));
            AwsLambdaResources resources = AwsLambdaResources.builder(settings).credentials(credentials)
                    .dynamoDbEndpoint(URI.create(dynalite.endpoint())).dynamoDbInterceptor(counter).dynamoDbInterceptor(time).build();
            try (resources; var override = KeyLedgerLambdaConfiguration.overrideResources(() -> resources)) {
                long initStart = System.nanoTime();
                FunctionInvoker invoker = start();
                long initNanos = System.nanoTime() - initStart;

                List<byte[]> warmup = batches(KmsEventBridgeEvents.stream(0, options.warmupKeys()), options.batchSize(), "w");
                List<byte[]> measured = batches(KmsEventBridgeEvents.stream(options.warmupKeys(), options.keys()),
                        options.batchSize(), "m");
                Pass warm = pass("warm-up", invoker, warmup, counter, time);
                Pass fresh = pass("new events", invoker, measured, counter, time);
                Optional<Pass> uses = options.uses() == 0 ? Optional.empty() : Optional.of(pass("uses", invoker,
                        batches(KmsEventBridgeEvents.uses(options.warmupKeys(), options.keys(), options.uses()),
                                options.batchSize(), "u"), counter, time));
                Pass again = pass("redelivered", invoker, measured, counter, time);

                List<String> problems = new ArrayList<>();
                problems.addAll(warm.problems());
                problems.addAll(fresh.problems());
                uses.ifPresent(u -> problems.addAll(u.problems()));
                problems.addAll(again.problems());
                DynamoDbInventoryStore store = DynamoDbInventoryStore.create(admin, table, resources.clock());
                problems.addAll(check(store, options.warmupKeys() + options.keys()));
                if (options.uses() > 0) {
                    problems.addAll(checkUsage(store, options));
                }
                List<Pass> passes = new ArrayList<>(List.of(fresh));
                uses.ifPresent(passes::add);
                passes.add(again);
                Map<String, TableItems> items = tableItems(admin, table);
                print(options, initNanos, passes, items);
                return new Result(fresh, uses, again, items, problems);
            }
        }
    }

    /** The function's container, started as Lambda starts it: MAIN_CLASS and the definition set. */
    private static FunctionInvoker start() {
        System.setProperty("MAIN_CLASS", KeyLedgerLambdaConfiguration.class.getName());
        System.setProperty(KeyLedgerLambdaConfiguration.DEFINITION, KeyLedgerLambdaConfiguration.INGEST_QUEUE);
        try {
            return new FunctionInvoker(KeyLedgerLambdaConfiguration.INGEST_QUEUE);
        } finally {
            System.clearProperty(KeyLedgerLambdaConfiguration.DEFINITION);
            System.clearProperty("MAIN_CLASS");
        }
    }

    /** The events as SQS batches, as Lambda's event source mapping delivers them (one event per message). */
    static List<byte[]> batches(List<String> events, int batchSize, String prefix) {
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < events.size(); from += batchSize) {
            ObjectNode batch = Json.mapper().createObjectNode();
            ArrayNode records = batch.putArray("Records");
            for (int i = from; i < Math.min(events.size(), from + batchSize); i++) {
                String id = String.format("%s-%08d-0000-4000-8000-000000000000", prefix, i);
                ObjectNode r = records.addObject();
                r.put("messageId", id).put("receiptHandle", "AQEB" + id).put("body", events.get(i));
                r.putObject("attributes").put("ApproximateReceiveCount", "1").put("SentTimestamp", "1772352000000")
                        .put("SenderId", "AIDAEXAMPLE").put("ApproximateFirstReceiveTimestamp", "1772352000050");
                r.putObject("messageAttributes");
                r.put("md5OfBody", "00000000000000000000000000000000").put("eventSource", "aws:sqs")
                        .put("eventSourceARN", QUEUE_ARN).put("awsRegion", "us-east-1");
            }
            out.add(Json.mapper().writeValueAsBytes(batch));
        }
        return out;
    }

    private static Pass pass(String name, FunctionInvoker invoker, List<byte[]> batches, DynamoDbRequestCounter counter,
                             DynamoDbTime time) throws IOException {
        List<String> problems = new ArrayList<>();
        long[] batchNanos = new long[batches.size()];
        int events = 0;
        DynamoDbRequestCounter.Snapshot before = counter.snapshot();
        long inDynamoDb = time.nanos();
        long start = System.nanoTime();
        for (int i = 0; i < batches.size(); i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long t = System.nanoTime();
            invoker.handleRequest(new ByteArrayInputStream(batches.get(i)), out, new LambdaContext(name + "-" + i, "keyledger-ingest-queue"));
            batchNanos[i] = System.nanoTime() - t;
            JsonNode failures = Json.mapper().readTree(out.toByteArray()).path("batchItemFailures");
            if (!failures.isArray() || !failures.isEmpty()) {
                problems.add(name + ": batch " + i + " answered " + out.toString(StandardCharsets.UTF_8));
            }
            events += Json.mapper().readTree(batches.get(i)).get("Records").size();
        }
        long nanos = System.nanoTime() - start;
        return new Pass(name, batches.size(), events, nanos, batchNanos, counter.snapshot().minus(before),
                time.nanos() - inDynamoDb, problems);
    }

    /** Every key sent is in the inventory, enabled again and tagged. */
    private static List<String> check(DynamoDbInventoryStore store, int keys) {
        List<String> problems = new ArrayList<>();
        int found = 0;
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<CryptoAsset> page = store.assets("acme", AssetQuery.ALL, request);
            for (CryptoAsset key : page.items()) {
                found++;
                if (key.state() != LifecycleState.ACTIVE || !key.tags().containsKey("CostCenter")) {
                    problems.add("key " + key.ref().id() + " is " + key.state() + " with tags " + key.tags());
                }
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = request.next(page.nextCursor().get());
        }
        if (found != keys) {
            problems.add("the inventory holds " + found + " keys, " + keys + " were sent");
        }
        return problems;
    }

    /** Every used key has a rollup of both calling services, and its record names them. */
    private static List<String> checkUsage(DynamoDbInventoryStore store, Options options) {
        List<String> problems = new ArrayList<>();
        for (int k = options.warmupKeys(); k < options.warmupKeys() + options.keys(); k++) {
            String keyId = "aws:" + KmsEventBridgeEvents.keyArn(k);
            Optional<UsageContext> rollup = store.usage("acme", keyId);
            Set<String> expected = options.uses() > 2 ? Set.of("ec2.amazonaws.com", "s3.amazonaws.com")
                    : Set.of("s3.amazonaws.com");
            if (rollup.isEmpty() || !rollup.get().services().equals(expected)) {
                problems.add("key " + keyId + " has the usage rollup " + rollup);
            } else if (!store.asset("acme", keyId).orElseThrow().value().usageContext().services().equals(expected)) {
                problems.add("the record of key " + keyId + " does not name its services " + expected);
            }
        }
        return problems;
    }

    /** Every item of the table by its type, read with a Scan (the store itself never scans). */
    private static Map<String, TableItems> tableItems(DynamoDbClient client, String table) {
        Map<String, long[]> counts = new java.util.TreeMap<>();
        for (var page : client.scanPaginator(b -> b.tableName(table))) {
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue type = item.get("type");
                long[] c = counts.computeIfAbsent(type == null ? "?" : type.s(), t -> new long[2]);
                c[0]++;
                c[1] += ItemBytes.of(item);
            }
        }
        Map<String, TableItems> out = new java.util.TreeMap<>();
        counts.forEach((type, c) -> out.put(type, new TableItems(c[0], c[1])));
        return out;
    }

    private static void print(Options options, long initNanos, List<Pass> passes, Map<String, TableItems> items) {
        System.out.printf("ingestQueue through FunctionInvoker into DynamoDB (dynalite): %d keys x %d events%s, "
                        + "batches of %d, after %d warm-up keys; function initialised in %.2f s%n%n", options.keys(),
                KmsEventBridgeEvents.PER_KEY, options.uses() == 0 ? "" : " then " + options.uses() + " uses each",
                options.batchSize(), options.warmupKeys(), initNanos / 1e9);
        List<String[]> rows = new ArrayList<>();
        rows.add(row("", passes, Pass::name));
        rows.add(row("batches / events", passes, p -> p.batches() + " / " + p.events()));
        rows.add(row("duration (s)", passes, p -> String.format("%.2f", p.seconds())));
        rows.add(row("events/s", passes, p -> String.format("%.0f", p.eventsPerSecond())));
        rows.add(row("batch ms p50 / p95 / max", passes, p -> String.format("%.0f / %.0f / %.0f",
                p.percentileMillis(0.5), p.percentileMillis(0.95), p.percentileMillis(1.0))));
        rows.add(row("share of time in DynamoDB calls", passes,
                p -> String.format("%.0f %%", 100.0 * p.dynamoDbNanos() / p.nanos())));
        rows.add(row("ms per DynamoDB request", passes,
                p -> String.format("%.1f", p.dynamoDbNanos() / 1e6 / p.dynamoDb().totalRequests())));
        rows.add(row("DynamoDB API calls per event", passes, p -> String.format("%.2f", p.perEvent(p.dynamoDb().totalRequests()))));
        rows.add(row("  write calls per event", passes, p -> String.format("%.2f", p.perEvent(p.dynamoDb().writeRequests()))));
        rows.add(row("  read calls per event", passes, p -> String.format("%.2f", p.perEvent(p.dynamoDb().readRequests()))));
        Set<String> operations = new java.util.TreeSet<>();
        passes.forEach(p -> operations.addAll(p.dynamoDb().requests().keySet()));
        for (String op : operations) {
            rows.add(row("    " + op, passes, p -> String.format("%.2f", p.perEvent(p.dynamoDb().requests(op)))));
        }
        rows.add(row("write units (WCU/WRU) per event", passes,
                p -> String.format("%.2f", p.dynamoDb().writeCapacityUnits() / p.events())));
        rows.add(row("refused (conditions) / retried", passes, p -> p.dynamoDb().failures().values().stream()
                .mapToLong(Long::longValue).sum() + " / " + p.dynamoDb().retries()));
        rows.add(row("read units (RCU/RRU) per event", passes,
                p -> String.format("%.2f", p.dynamoDb().readCapacityUnits() / p.events())));
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(String.format("%-32s", r[0]));
            for (int i = 1; i < r.length; i++) {
                line.append(String.format("%20s", r[i]));
            }
            System.out.println(line);
        }
        System.out.printf("%nitems in the table afterwards (warm-up keys included), as DynamoDB sizes them:%n");
        System.out.printf("%-24s %10s %14s %12s%n", "type", "items", "bytes", "bytes/item");
        items.forEach((type, t) -> System.out.printf("%-24s %,10d %,14d %,12.0f%n", type, t.items(), t.bytes(),
                (double) t.bytes() / t.items()));
    }

    private static String[] row(String label, List<Pass> passes, java.util.function.Function<Pass, String> value) {
        String[] r = new String[passes.size() + 1];
        r[0] = label;
        for (int i = 0; i < passes.size(); i++) {
            r[i + 1] = value.apply(passes.get(i));
        }
        return r;
    }
}
