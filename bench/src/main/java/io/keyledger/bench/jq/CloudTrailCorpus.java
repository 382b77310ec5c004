package io.keyledger.bench.jq;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * A generated month of CloudTrail log files of KMS keys, as a security engineer's jq pipeline and
 * {@code keyledger ingest} would both read them: gzip files of one-line {@code {"Records":[...]}} documents.
 *
 * <p>95 % of the records are cryptographic uses (Decrypt, GenerateDataKey, Encrypt) of keys while they are
 * enabled, spread over the keys unevenly (a few keys carry most calls, as in real accounts). The rest is the
 * usual mix: each key's lifecycle (CreateKey for most keys, some disabled and enabled again, some scheduled
 * for deletion and cancelled or deleted by KMS seven days later), tags, aliases, rotation, key policies and
 * grants, reads (DescribeKey, GetKeyPolicy, ListAliases), refused calls, and calls of other services that
 * share the log files. A share of the records (1 % by default) is delivered twice, as CloudTrail does.
 *
 * <p>The records are either shuffled across the files, or in event-time order (how log files arrive).
 * Everything is a function of the settings: the same seed writes the same bytes. The generator keeps, per
 * key, the last successful state-changing call (what the jq pipeline finds) and the counts the ingest must
 * reproduce.
 */
final class CloudTrailCorpus {

    enum Order { SHUFFLED, CHRONOLOGICAL }

    /**
     * @param records    records in the corpus, duplicates included
     * @param keys       KMS keys the records are about
     * @param perFile    mean records per log file (each file holds between half and one and a half times it)
     * @param duplicates share of records delivered twice
     */
    record Settings(long records, int keys, int perFile, double duplicates, Order order, long seed) {
        Settings {
            if (records < 100 || records > 50_000_000) {
                throw new IllegalArgumentException("records must be between 100 and 50000000, was " + records);
            }
            if (keys < 1 || keys > records / 20) {
                throw new IllegalArgumentException("keys must be between 1 and records / 20, was " + keys);
            }
            if (perFile < 10) {
                throw new IllegalArgumentException("records per file must be at least 10, was " + perFile);
            }
            if (duplicates < 0 || duplicates > 0.5) {
                throw new IllegalArgumentException("the duplicate share must be between 0 and 0.5, was " + duplicates);
            }
        }
    }

    /** Every kind of record the corpus holds. */
    enum Kind {
        CREATE_KEY("CreateKey", true, true),
        ENABLE_KEY("EnableKey", true, true),
        DISABLE_KEY("DisableKey", true, true),
        SCHEDULE_KEY_DELETION("ScheduleKeyDeletion", true, true),
        CANCEL_KEY_DELETION("CancelKeyDeletion", true, true),
        DELETE_KEY("DeleteKey", true, true),
        DECRYPT("Decrypt", false, false),
        GENERATE_DATA_KEY("GenerateDataKey", false, false),
        ENCRYPT("Encrypt", false, false),
        TAG_RESOURCE("TagResource", false, true),
        CREATE_ALIAS("CreateAlias", false, true),
        ENABLE_KEY_ROTATION("EnableKeyRotation", false, true),
        PUT_KEY_POLICY("PutKeyPolicy", false, true),
        CREATE_GRANT("CreateGrant", false, true),
        DISABLE_KEY_DENIED("DisableKey", false, true),
        DECRYPT_FAILED("Decrypt", false, true),
        DESCRIBE_KEY("DescribeKey", false, false),
        GET_KEY_POLICY("GetKeyPolicy", false, false),
        LIST_ALIASES("ListAliases", false, false),
        OTHER_SERVICE("AssumeRole", false, false);

        final String eventName;
        /** A successful call that changes the key's state (what the jq pipeline keeps). */
        final boolean changesState;
        /** Kept as an event in the key's history (management calls and refused calls; not uses nor reads). */
        final boolean stored;

        Kind(String eventName, boolean changesState, boolean stored) {
            this.eventName = eventName;
            this.changesState = changesState;
            this.stored = stored;
        }

        boolean use() {
            return this == DECRYPT || this == GENERATE_DATA_KEY || this == ENCRYPT;
        }
    }

    /** The shares of the non-lifecycle management records, tried in this order. */
    private static final Map<Kind, Double> OTHER_SHARES = shares();

    private static Map<Kind, Double> shares() {
        Map<Kind, Double> m = new EnumMap<>(Kind.class);
        m.put(Kind.TAG_RESOURCE, 0.20);
        m.put(Kind.CREATE_ALIAS, 0.10);
        m.put(Kind.ENABLE_KEY_ROTATION, 0.08);
        m.put(Kind.PUT_KEY_POLICY, 0.05);
        m.put(Kind.CREATE_GRANT, 0.12);
        m.put(Kind.DESCRIBE_KEY, 0.15);
        m.put(Kind.GET_KEY_POLICY, 0.05);
        m.put(Kind.LIST_ALIASES, 0.05);
        m.put(Kind.DISABLE_KEY_DENIED, 0.02);
        m.put(Kind.DECRYPT_FAILED, 0.03);
        m.put(Kind.OTHER_SERVICE, 0.15);
        return m;
    }

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(30);
    private static final long SPAN_SECONDS = SPAN.toSeconds();
    private static final long DAY = 86_400;
    private static final String[] ACCOUNTS = {"111122223333", "444455556666", "777788889999"};
    private static final String[] REGIONS = {"us-east-1", "eu-west-1"};
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** How CloudTrail writes dates inside KMS responses ("Mar 1, 2026, 8:00:00 AM"). */
    private static final DateTimeFormatter RESPONSE_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a",
            Locale.US).withZone(ZoneOffset.UTC);

    /** A service that calls KMS on a caller's behalf: its host, the role it runs under, its context key. */
    private record CallingService(String host, String role, String contextKey, String contextValue, boolean ai) {
    }

    private static final List<CallingService> SERVICES = List.of(
            new CallingService("s3.amazonaws.com", "ReportingJob", "aws:s3:arn", "arn:aws:s3:::amzn-s3-demo-data/exports/", false),
            new CallingService("ec2.amazonaws.com", "web-fleet", "aws:ebs:id", "vol-0a1b2c3d4e5f6", false),
            new CallingService("rds.amazonaws.com", "orders-db", "aws:rds:db-id", "db-ORDERS", false),
            new CallingService("secretsmanager.amazonaws.com", "payments-api", "SecretARN",
                    "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-password", false),
            new CallingService("dynamodb.amazonaws.com", "catalog-api", "aws:dynamodb:tableName", "catalog", false),
            new CallingService("lambda.amazonaws.com", "thumbnailer", "aws:lambda:FunctionArn",
                    "arn:aws:lambda:us-east-1:111122223333:function:thumbnailer", false),
            new CallingService("sagemaker.amazonaws.com", "AmazonSageMaker-ExecutionRole-20260101T120000",
                    "aws:sagemaker:training-job-arn", "arn:aws:sagemaker:us-east-1:111122223333:training-job/claims", true),
            new CallingService("bedrock.amazonaws.com", "AmazonBedrockExecutionRoleForKnowledgeBase",
                    "aws:bedrock:knowledge-base-arn", "arn:aws:bedrock:us-east-1:111122223333:knowledge-base/kb1", true));

    /** One record to write: its kind, key (-1 for none), event time in epoch seconds and its index. */
    record Call(Kind kind, int key, long at, long id) {
    }

    /** What the corpus holds, and what an ingest of it must find. */
    record Summary(Settings settings, long records, long unique, long duplicates, int files, long bytes,
                   Map<Kind, Long> byKind, Map<String, String> lastStateChange, long storedEvents,
                   long stateChanging, Map<String, List<String>> servicesByKey, java.util.Set<String> usedKeys) {

        long uses() {
            return byKind.getOrDefault(Kind.DECRYPT, 0L) + byKind.getOrDefault(Kind.GENERATE_DATA_KEY, 0L)
                    + byKind.getOrDefault(Kind.ENCRYPT, 0L);
        }
    }

    private final Settings settings;
    private final KeyPlan[] plans;

    private CloudTrailCorpus(Settings settings) {
        this.settings = settings;
        this.plans = new KeyPlan[settings.keys()];
    }

    /** Writes the corpus into {@code dir} (created; it must be empty) and says what it holds. */
    static Summary write(Settings settings, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("the corpus directory " + dir + " is not empty");
            }
        }
        return new CloudTrailCorpus(settings).generate(dir);
    }

    /** A key's lifecycle: when it was created, disabled, enabled, scheduled for deletion, cancelled, deleted. */
    private static final class KeyPlan {
        final int key;
        final String account;
        final String region;
        final String keyId;
        final String arn;
        final List<Call> lifecycle = new ArrayList<>();
        /** Intervals [from, to) in which the key is enabled, in epoch seconds. */
        final List<long[]> enabled = new ArrayList<>();
        final List<CallingService> services = new ArrayList<>();
        final String appRole;
        double weight;
        long createdAt;
        long endOfUse;

        KeyPlan(int key) {
            this.key = key;
            this.account = ACCOUNTS[key % ACCOUNTS.length];
            this.region = REGIONS[(key / ACCOUNTS.length) % REGIONS.length];
            this.keyId = keyId(key);
            this.arn = "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
            this.appRole = "app-" + (key % 97);
        }
    }

    static String keyId(int key) {
        UUID u = UUID.nameUUIDFromBytes(("key/" + key).getBytes(StandardCharsets.UTF_8));
        return u.toString();
    }

    private Summary generate(Path dir) throws IOException {
        Random random = new Random(settings.seed());
        long start = START.getEpochSecond();
        long end = start + SPAN_SECONDS;
        long duplicates = Math.round(settings.records() * settings.duplicates() / (1 + settings.duplicates()));
        long unique = settings.records() - duplicates;
        long nonUses = Math.round(unique * 0.05);

        List<Call> calls = new ArrayList<>((int) settings.records());
        long[] id = {0};
        long stateCalls = 0;
        for (int k = 0; k < plans.length; k++) {
            KeyPlan plan = plan(k, random, start, end, id);
            plans[k] = plan;
            calls.addAll(plan.lifecycle);
            stateCalls += plan.lifecycle.size();
        }
        long others = Math.max(0, nonUses - stateCalls);
        for (Map.Entry<Kind, Double> share : OTHER_SHARES.entrySet()) {
            long n = Math.round(others * share.getValue());
            for (long i = 0; i < n; i++) {
                calls.add(other(share.getKey(), random, start, end, id));
            }
        }
        long uses = unique - calls.size();
        double[] cumulative = cumulativeWeights();
        for (long i = 0; i < uses; i++) {
            KeyPlan plan = pick(cumulative, random);
            double r = random.nextDouble();
            Kind kind = r < 0.55 ? Kind.DECRYPT : r < 0.85 ? Kind.GENERATE_DATA_KEY : Kind.ENCRYPT;
            calls.add(new Call(kind, plan.key, timeWhileEnabled(plan, random), id[0]++));
        }

        List<Call> delivered = order(calls, duplicates, random);
        return writeFiles(dir, delivered, unique, duplicates, calls);
    }

    private KeyPlan plan(int k, Random random, long start, long end, long[] id) {
        KeyPlan p = new KeyPlan(k);
        int services = 1 + random.nextInt(3);
        for (int i = 0; i < services; i++) {
            // AI services for about one key in twenty
            CallingService s = random.nextDouble() < 0.05 ? SERVICES.get(6 + random.nextInt(2))
                    : SERVICES.get(random.nextInt(6));
            if (!p.services.contains(s)) {
                p.services.add(s);
            }
        }
        p.weight = Math.exp(1.2 * random.nextGaussian());
        // Nine keys in ten are created in the month's first three days; the others existed before it.
        boolean created = random.nextDouble() < 0.9;
        long t = created ? start + random.nextInt((int) (3 * DAY)) : start;
        p.createdAt = t;
        if (created) {
            p.lifecycle.add(new Call(Kind.CREATE_KEY, k, t, id[0]++));
        }
        long enabledFrom = t;
        if (random.nextDouble() < 0.4) {
            long disable = Math.max(t + DAY, t + (long) (random.nextDouble() * (end - 2 * DAY - t)));
            p.lifecycle.add(new Call(Kind.DISABLE_KEY, k, disable, id[0]++));
            p.enabled.add(new long[] {enabledFrom, disable});
            enabledFrom = -1;
            t = disable;
            if (random.nextDouble() < 0.6) {
                long enable = t + 600 + random.nextInt((int) (3 * DAY));
                if (enable < end - DAY) {
                    p.lifecycle.add(new Call(Kind.ENABLE_KEY, k, enable, id[0]++));
                    enabledFrom = enable;
                    t = enable;
                }
            }
        }
        if (random.nextDouble() < 0.15 && t + 2 * DAY < end) {
            long schedule = t + DAY + (long) (random.nextDouble() * (end - DAY - t - DAY));
            p.lifecycle.add(new Call(Kind.SCHEDULE_KEY_DELETION, k, schedule, id[0]++));
            if (enabledFrom >= 0) {
                p.enabled.add(new long[] {enabledFrom, schedule});
            }
            enabledFrom = -1;
            double r = random.nextDouble();
            if (r < 0.35) {
                long cancel = schedule + 600 + random.nextInt((int) (5 * DAY));
                if (cancel < end) {
                    p.lifecycle.add(new Call(Kind.CANCEL_KEY_DELETION, k, cancel, id[0]++));
                }
            } else if (schedule + 7 * DAY < end) {
                p.lifecycle.add(new Call(Kind.DELETE_KEY, k, schedule + 7 * DAY, id[0]++));
            }
        }
        if (enabledFrom >= 0) {
            p.enabled.add(new long[] {enabledFrom, end});
        }
        p.endOfUse = p.lifecycle.stream().filter(c -> c.kind() == Kind.DELETE_KEY).mapToLong(Call::at)
                .findFirst().orElse(end);
        return p;
    }

    private Call other(Kind kind, Random random, long start, long end, long[] id) {
        if (kind == Kind.OTHER_SERVICE || kind == Kind.LIST_ALIASES) {
            return new Call(kind, -1, start + (long) (random.nextDouble() * (end - start)), id[0]++);
        }
        KeyPlan plan = plans[random.nextInt(plans.length)];
        long from = plan.createdAt + 1;
        long to = plan.endOfUse - 1;
        long at = from + (long) (random.nextDouble() * Math.max(1, to - from));
        if (kind == Kind.DECRYPT_FAILED) {
            at = timeWhileEnabled(plan, random);
        }
        return new Call(kind, plan.key, at, id[0]++);
    }

    private double[] cumulativeWeights() {
        double[] c = new double[plans.length];
        double sum = 0;
        for (int i = 0; i < plans.length; i++) {
            // keys never enabled in the month are never used
            sum += plans[i].enabled.isEmpty() ? 0 : plans[i].weight;
            c[i] = sum;
        }
        return c;
    }

    private KeyPlan pick(double[] cumulative, Random random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        return plans[Math.min(plans.length - 1, i >= 0 ? i : -i - 1)];
    }

    private static long timeWhileEnabled(KeyPlan plan, Random random) {
        long total = 0;
        for (long[] range : plan.enabled) {
            total += range[1] - range[0];
        }
        long x = (long) (random.nextDouble() * Math.max(1, total));
        for (long[] range : plan.enabled) {
            long length = range[1] - range[0];
            if (x < length) {
                return range[0] + x;
            }
            x -= length;
        }
        return plan.createdAt;
    }

    /** The delivery order, duplicates included: shuffled, or by event time with copies in a later file. */
    private List<Call> order(List<Call> calls, long duplicates, Random random) {
        List<Call> out = new ArrayList<>(calls.size() + (int) duplicates);
        if (settings.order() == Order.SHUFFLED) {
            out.addAll(calls);
            for (long i = 0; i < duplicates; i++) {
                out.add(calls.get(random.nextInt(calls.size())));
            }
            Collections.shuffle(out, random);
            return out;
        }
        List<Call> sorted = new ArrayList<>(calls);
        sorted.sort((a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.id(), b.id()));
        // Each copy comes up to two files' worth of records after the original, as a redelivered log file would.
        TreeMap<Long, List<Call>> copies = new TreeMap<>();
        for (long i = 0; i < duplicates; i++) {
            long original = random.nextInt(sorted.size());
            long at = original + 1 + random.nextInt(2 * settings.perFile());
            copies.computeIfAbsent(at, x -> new ArrayList<>()).add(sorted.get((int) original));
        }
        for (int i = 0; i < sorted.size(); i++) {
            out.add(sorted.get(i));
            List<Call> due = copies.remove((long) i);
            if (due != null) {
                out.addAll(due);
            }
        }
        copies.values().forEach(out::addAll);
        return out;
    }

    private Summary writeFiles(Path dir, List<Call> delivered, long unique, long duplicates, List<Call> calls)
            throws IOException {
        Random sizes = new Random(settings.seed() ^ 0x5DEECE66DL);
        List<int[]> slices = new ArrayList<>();
        int from = 0;
        while (from < delivered.size()) {
            int n = settings.perFile() / 2 + sizes.nextInt(settings.perFile() + 1);
            int to = Math.min(delivered.size(), from + n);
            slices.add(new int[] {from, to});
            from = to;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        long bytes = 0;
        try {
            List<Future<Long>> written = new ArrayList<>();
            for (int f = 0; f < slices.size(); f++) {
                int[] slice = slices.get(f);
                Path file = dir.resolve(String.format("CloudTrail_%06d.json.gz", f + 1));
                written.add(pool.submit(() -> writeFile(file, delivered.subList(slice[0], slice[1]))));
            }
            for (Future<Long> w : written) {
                bytes += w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the corpus", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("writing the corpus failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return summary(unique, duplicates, slices.size(), bytes, calls);
    }

    private long writeFile(Path file, List<Call> records) {
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                1 << 16)) {
            StringBuilder b = new StringBuilder(2048);
            out.write("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < records.size(); i++) {
                b.setLength(0);
                if (i > 0) {
                    b.append(',');
                }
                render(records.get(i), b);
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.write("]}\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Summary summary(long unique, long duplicates, int files, long bytes, List<Call> calls) {
        Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
        Map<String, Call> last = new TreeMap<>();
        long stored = 0;
        long stateChanging = 0;
        for (Call c : calls) {
            byKind.merge(c.kind(), 1L, Long::sum);
            if (c.kind().stored) {
                stored++;
            }
            if (c.kind().changesState) {
                stateChanging++;
                String arn = plans[c.key()].arn;
                Call before = last.get(arn);
                if (before == null || before.at() < c.at()) {
                    last.put(arn, c);
                }
            }
        }
        Map<String, String> lastStateChange = new TreeMap<>();
        last.forEach((arn, c) -> lastStateChange.put(arn, c.kind().eventName));
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (Call c : calls) {
            if (c.kind().use()) {
                used.add(plans[c.key()].arn);
            }
        }
        Map<String, List<String>> services = new TreeMap<>();
        for (KeyPlan p : plans) {
            services.put(p.arn, p.services.stream().map(s -> s.host().substring(0, s.host().indexOf('.'))).sorted().toList());
        }
        return new Summary(settings, unique + duplicates, unique, duplicates, files, bytes, byKind, lastStateChange,
                stored, stateChanging, services, used);
    }

    // ---- rendering: the fields and layout CloudTrail writes ----

    private void render(Call c, StringBuilder b) {
        Random r = new Random(settings.seed() * 31 + c.id());
        String eventId = uuid("event", c.id());
        String time = EVENT_TIME.format(Instant.ofEpochSecond(c.at()));
        if (c.kind() == Kind.OTHER_SERVICE) {
            renderOtherService(c, b, eventId, time);
            return;
        }
        KeyPlan p = c.key() >= 0 ? plans[c.key()] : plans[(int) (c.id() % plans.length)];
        b.append("{\"eventVersion\":\"1.11\",\"userIdentity\":");
        CallingService via = null;
        if (c.kind() == Kind.DELETE_KEY) {
            b.append("{\"accountId\":\"").append(p.account).append("\",\"invokedBy\":\"AWS Internal\"}");
        } else if (c.kind().use() || c.kind() == Kind.DECRYPT_FAILED) {
            // Most uses come through a service on a caller's behalf; the others from the application's own role.
            if (r.nextInt(4) > 0) {
                via = p.services.get(r.nextInt(p.services.size()));
                assumedRole(b, p.account, via.role(), "session-" + r.nextInt(50), via.host());
            } else {
                assumedRole(b, p.account, p.appRole, "i-0" + Long.toHexString(0x1000000L + r.nextInt(1 << 20)), null);
            }
        } else {
            String who = c.kind() == Kind.DISABLE_KEY_DENIED ? "bob" : r.nextInt(3) == 0 ? "carol" : "alice";
            assumedRole(b, p.account, c.kind() == Kind.DISABLE_KEY_DENIED ? "Developer" : "KeyAdmin", who, null);
        }
        b.append(",\"eventTime\":\"").append(time).append("\",\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"")
                .append(c.kind().eventName).append("\",\"awsRegion\":\"").append(p.region).append("\",");
        if (c.kind() == Kind.DELETE_KEY) {
            b.append("\"sourceIPAddress\":\"AWS Internal\",\"userAgent\":\"AWS Internal\",");
        } else if (via != null) {
            b.append("\"sourceIPAddress\":\"").append(via.host()).append("\",\"userAgent\":\"").append(via.host()).append("\",");
        } else if (c.kind().use() || c.kind() == Kind.DECRYPT_FAILED) {
            b.append("\"sourceIPAddress\":\"10.0.").append(r.nextInt(256)).append('.').append(r.nextInt(256))
                    .append("\",\"userAgent\":\"aws-sdk-java/2.25.60 Linux/6.1 OpenJDK_64-Bit_Server_VM/21.0.3+9-LTS Java/21.0.3\",");
        } else {
            b.append("\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":\"aws-cli/2.15.30 Python/3.11.8 Linux/6.1.72-96.166.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off\",");
        }
        if (c.kind() == Kind.DISABLE_KEY_DENIED) {
            b.append("\"errorCode\":\"AccessDeniedException\",\"errorMessage\":\"User: arn:aws:sts::").append(p.account)
                    .append(":assumed-role/Developer/bob is not authorized to perform: kms:DisableKey on resource: ")
                    .append(p.arn).append(" because no identity-based policy allows the kms:DisableKey action\",");
        } else if (c.kind() == Kind.DECRYPT_FAILED) {
            b.append("\"errorCode\":\"InvalidCiphertextException\",\"errorMessage\":\"The ciphertext refers to a key that "
                    + "does not exist, or the ciphertext is not valid\",");
        }
        b.append("\"requestParameters\":");
        request(c, p, via, r, b);
        b.append(",\"responseElements\":");
        response(c, p, b);
        if (c.kind() != Kind.DELETE_KEY) {
            b.append(",\"requestID\":\"").append(uuid("request", c.id())).append('"');
        }
        b.append(",\"eventID\":\"").append(eventId).append("\",\"readOnly\":")
                .append(c.kind().use() || c.kind() == Kind.DECRYPT_FAILED || c.kind() == Kind.DESCRIBE_KEY
                        || c.kind() == Kind.GET_KEY_POLICY || c.kind() == Kind.LIST_ALIASES);
        if (c.kind() != Kind.LIST_ALIASES && c.kind() != Kind.CREATE_KEY) {
            b.append(",\"resources\":[{\"accountId\":\"").append(p.account)
                    .append("\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"").append(p.arn).append("\"}]");
        } else if (c.kind() == Kind.CREATE_KEY) {
            b.append(",\"resources\":[{\"accountId\":\"").append(p.account)
                    .append("\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"").append(p.arn).append("\"}]");
        }
        b.append(",\"eventType\":\"").append(c.kind() == Kind.DELETE_KEY ? "AwsServiceEvent" : "AwsApiCall")
                .append("\",\"managementEvent\":true,\"recipientAccountId\":\"").append(p.account).append('"');
        if (c.kind() == Kind.DELETE_KEY) {
            b.append(",\"serviceEventDetails\":{\"keyId\":\"").append(p.keyId).append("\"}");
        }
        b.append(",\"eventCategory\":\"Management\"");
        if (c.kind() != Kind.DELETE_KEY && via == null) {
            b.append(",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_256_GCM_SHA384\","
                    + "\"clientProvidedHostHeader\":\"kms.").append(p.region).append(".amazonaws.com\"}");
        }
        b.append('}');
    }

    private static void assumedRole(StringBuilder b, String account, String role, String session, String invokedBy) {
        b.append("{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLEID").append(Math.abs(role.hashCode() % 1000))
                .append(':').append(session).append("\",\"arn\":\"arn:aws:sts::").append(account).append(":assumed-role/")
                .append(role).append('/').append(session).append("\",\"accountId\":\"").append(account)
                .append("\",\"accessKeyId\":\"ASIAIOSFODNN7EXAMPLE\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
                        + "\"principalId\":\"AROAEXAMPLEID\",\"arn\":\"arn:aws:iam::").append(account).append(":role/")
                .append(role).append("\",\"accountId\":\"").append(account).append("\",\"userName\":\"").append(role)
                .append("\"},\"attributes\":{\"creationDate\":\"2026-02-28T08:55:00Z\",\"mfaAuthenticated\":\"false\"}}");
        if (invokedBy != null) {
            b.append(",\"invokedBy\":\"").append(invokedBy).append('"');
        }
        b.append('}');
    }

    private void request(Call c, KeyPlan p, CallingService via, Random r, StringBuilder b) {
        switch (c.kind()) {
            case CREATE_KEY -> b.append("{\"description\":\"").append(p.appRole).append(" data key ").append(p.key)
                    .append("\",\"keyUsage\":\"ENCRYPT_DECRYPT\",\"keySpec\":\"SYMMETRIC_DEFAULT\",\"origin\":\"AWS_KMS\","
                            + "\"bypassPolicyLockoutSafetyCheck\":false,\"tags\":[{\"tagKey\":\"Owner\",\"tagValue\":\"team-")
                    .append(p.key % 40).append("\"}]}");
            case ENABLE_KEY, DISABLE_KEY, CANCEL_KEY_DELETION, DISABLE_KEY_DENIED, DESCRIBE_KEY, ENABLE_KEY_ROTATION ->
                    b.append("{\"keyId\":\"").append(r.nextBoolean() ? p.keyId : p.arn).append("\"}");
            case SCHEDULE_KEY_DELETION -> b.append("{\"keyId\":\"").append(p.keyId).append("\",\"pendingWindowInDays\":7}");
            case DELETE_KEY -> b.append("null");
            case DECRYPT, DECRYPT_FAILED -> {
                b.append("{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"");
                context(via, r, b);
                b.append('}');
            }
            case GENERATE_DATA_KEY -> {
                b.append("{\"keyId\":\"").append(p.arn).append("\",\"keySpec\":\"AES_256\"");
                context(via, r, b);
                b.append('}');
            }
            case ENCRYPT -> {
                b.append("{\"keyId\":\"alias/").append(p.appRole).append("\",\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"");
                context(via, r, b);
                b.append('}');
            }
            case TAG_RESOURCE -> b.append("{\"keyId\":\"").append(p.keyId).append("\",\"tags\":[{\"tagKey\":\"CostCenter\","
                    + "\"tagValue\":\"cc-").append(r.nextInt(100)).append("\"}]}");
            case CREATE_ALIAS -> b.append("{\"aliasName\":\"alias/").append(p.appRole).append('-').append(c.id())
                    .append("\",\"targetKeyId\":\"").append(p.keyId).append("\"}");
            case PUT_KEY_POLICY -> b.append("{\"keyId\":\"").append(p.keyId)
                    .append("\",\"policyName\":\"default\",\"policy\":\"{\\n  \\\"Version\\\" : \\\"2012-10-17\\\",\\n  "
                            + "\\\"Statement\\\" : [ {\\n    \\\"Sid\\\" : \\\"Enable IAM User Permissions\\\",\\n    "
                            + "\\\"Effect\\\" : \\\"Allow\\\",\\n    \\\"Principal\\\" : {\\n      \\\"AWS\\\" : "
                            + "\\\"arn:aws:iam::").append(p.account).append(":root\\\"\\n    },\\n    \\\"Action\\\" : "
                            + "\\\"kms:*\\\",\\n    \\\"Resource\\\" : \\\"*\\\"\\n  } ]\\n}\",\"bypassPolicyLockoutSafetyCheck\":false}");
            case CREATE_GRANT -> b.append("{\"keyId\":\"").append(p.arn).append("\",\"granteePrincipal\":\"")
                    .append(p.services.get(0).host()).append("\",\"operations\":[\"Decrypt\",\"GenerateDataKey\"]}");
            case GET_KEY_POLICY -> b.append("{\"keyId\":\"").append(p.keyId).append("\",\"policyName\":\"default\"}");
            case LIST_ALIASES -> b.append("null");
            default -> b.append("null");
        }
    }

    private static void context(CallingService via, Random r, StringBuilder b) {
        if (via == null) {
            b.append(",\"encryptionContext\":{\"tenant\":\"acme-").append(r.nextInt(20)).append("\"}");
        } else {
            b.append(",\"encryptionContext\":{\"").append(via.contextKey()).append("\":\"").append(via.contextValue())
                    .append(r.nextInt(1000)).append("\"}");
        }
    }

    private void response(Call c, KeyPlan p, StringBuilder b) {
        switch (c.kind()) {
            case CREATE_KEY -> b.append("{\"keyMetadata\":{\"AWSAccountId\":\"").append(p.account).append("\",\"keyId\":\"")
                    .append(p.keyId).append("\",\"arn\":\"").append(p.arn).append("\",\"creationDate\":\"")
                    .append(RESPONSE_DATE.format(Instant.ofEpochSecond(c.at()))).append("\",\"enabled\":true,\"description\":\"")
                    .append(p.appRole).append(" data key ").append(p.key).append("\",\"keyUsage\":\"ENCRYPT_DECRYPT\","
                            + "\"keyState\":\"Enabled\",\"origin\":\"AWS_KMS\",\"keyManager\":\"CUSTOMER\","
                            + "\"customerMasterKeySpec\":\"SYMMETRIC_DEFAULT\",\"keySpec\":\"SYMMETRIC_DEFAULT\","
                            + "\"encryptionAlgorithms\":[\"SYMMETRIC_DEFAULT\"],\"multiRegion\":false}}");
            case ENABLE_KEY, DISABLE_KEY, CANCEL_KEY_DELETION -> b.append("{\"keyId\":\"").append(p.arn).append("\"}");
            case SCHEDULE_KEY_DELETION -> b.append("{\"keyId\":\"").append(p.arn).append("\",\"keyState\":\"PendingDeletion\","
                    + "\"deletionDate\":\"").append(RESPONSE_DATE.format(Instant.ofEpochSecond(c.at() + 7 * DAY)))
                    .append("\",\"pendingWindowInDays\":7}");
            case DELETE_KEY -> b.append("{\"keyId\":\"").append(p.arn).append("\"}");
            case CREATE_GRANT -> b.append("{\"grantId\":\"").append(uuid("grant", c.id()).replace("-", "")).append("\"}");
            default -> b.append("null");
        }
    }

    private void renderOtherService(Call c, StringBuilder b, String eventId, String time) {
        String account = ACCOUNTS[(int) (c.id() % ACCOUNTS.length)];
        b.append("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"},"
                + "\"eventTime\":\"").append(time).append("\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"ec2.amazonaws.com\",\"userAgent\":\"ec2.amazonaws.com\","
                + "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::").append(account).append(":role/web-fleet\","
                + "\"roleSessionName\":\"i-0").append(Long.toHexString(c.id())).append("\"},\"responseElements\":{"
                + "\"credentials\":{\"accessKeyId\":\"ASIAIOSFODNN7EXAMPLE\",\"sessionToken\":\"IQoJb3JpZ2luX2VjEXAMPLE\","
                + "\"expiration\":\"").append(time).append("\"}},\"requestID\":\"").append(uuid("request", c.id()))
                .append("\",\"eventID\":\"").append(eventId).append("\",\"readOnly\":true,\"resources\":[{\"accountId\":\"")
                .append(account).append("\",\"type\":\"AWS::IAM::Role\",\"ARN\":\"arn:aws:iam::").append(account)
                .append(":role/web-fleet\"}],\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"")
                .append(account).append("\",\"eventCategory\":\"Management\"}");
    }

    private String uuid(String what, long id) {
        return UUID.nameUUIDFromBytes((settings.seed() + "/" + what + "/" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
