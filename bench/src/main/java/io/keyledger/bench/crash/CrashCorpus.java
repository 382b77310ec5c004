package io.keyledger.bench.crash;

import io.keyledger.aws.format.AwsDemo;
import io.keyledger.azure.format.AzureDemo;
import io.keyledger.bench.DecodeFormats;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.json.Json;
import io.keyledger.gcp.format.GcpDemo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A multi-file corpus of real-format audit records for crash runs: the three clouds' demo samples (a CloudTrail
 * log file and EventBridge events, a Key Vault AuditEvent log and Event Grid events, Cloud Audit Log entries),
 * copied once per replica with every identifier made the replica's own (AWS accounts, UUIDs and so key ids and
 * event ids, vault names, Google projects and insert ids), so that each replica is a set of keys of its own with
 * its own history. The files are laid out as the clouds deliver them, plain and gzip, and hold duplicates as the
 * clouds deliver them too: CloudTrail records also sent as EventBridge events with the same event id, and a share
 * of each group's records delivered again in a later file. Replicas map to the tenants acme, beta and default in
 * turn ({@code tenants.json}).
 */
public final class CrashCorpus {

    /** Replicas per group of files. */
    private static final int GROUP = 8;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern VAULT = Pattern.compile("(?i)https://([a-z0-9-]+)\\.(?:vault|managedhsm)\\.azure\\.net");
    private static final Pattern PROJECT = Pattern.compile("projects/([a-z][a-z0-9-]+)/");
    private static final Pattern INSERT_ID = Pattern.compile("(\"insertId\"\\s*:\\s*\")([^\"]+)\"");
    private static final String[] TENANTS = {"acme", "beta", "default"};

    /** What was written. */
    public record Written(Path dir, Path tenantsFile, List<Path> files, long records, long events, long duplicates,
                         int replicas, Map<String, Long> eventsByTenant) {
    }

    private final Map<String, String> samples = new LinkedHashMap<>();

    private CrashCorpus() {
        sample("aws-cloudtrail", AwsDemo.sampleFiles(), "_CloudTrail_");
        sample("aws-eventbridge", AwsDemo.sampleFiles(), "eventbridge");
        sample("azure-audit", AzureDemo.sampleFiles(), "auditevent");
        sample("azure-eventgrid", AzureDemo.sampleFiles(), "eventgrid");
        sample("gcp-audit", GcpDemo.sampleFiles(), "cloudaudit");
    }

    /**
     * The one sample file whose name contains {@code part}, through the class loader: the adapters name their
     * resources with a leading '/' (AWS, Azure) or without (Google), which the class loader takes without.
     */
    private void sample(String name, List<String> resources, String part) {
        List<String> matching = resources.stream().filter(r -> r.contains(part)).toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException("expected one sample named *" + part + "* in " + resources);
        }
        String resource = matching.get(0).startsWith("/") ? matching.get(0).substring(1) : matching.get(0);
        try (InputStream in = CrashCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " on the class path");
            }
            samples.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes at least {@code records} records under {@code dir} ({@code corpus/} and {@code tenants.json}), the
     * same for the same arguments, and checks that every record decodes.
     */
    public static Written write(Path dir, long records, long seed) throws IOException {
        return new CrashCorpus().writeAll(dir, records, seed);
    }

    private Written writeAll(Path dir, long target, long seed) throws IOException {
        Random random = new Random(seed);
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        List<Path> files = new ArrayList<>();
        List<String> previousGroup = new ArrayList<>();
        long records = 0;
        int replicas = 0;
        for (int group = 0; records < target; group++) {
            List<String> thisGroup = new ArrayList<>();
            List<JsonNode> eventBridge = new ArrayList<>();
            ArrayNode audit = Json.mapper().createArrayNode();
            ArrayNode eventGrid = Json.mapper().createArrayNode();
            List<JsonNode> gcp = new ArrayList<>();
            String g = String.format(Locale.ROOT, "%04d", group);
            for (int k = 0; k < GROUP; k++, replicas++) {
                int r = replicas;
                JsonNode trail = Json.mapper().readTree(replica("aws-cloudtrail", r));
                String account = account(r);
                boolean gzip = r % 2 == 1;
                files.add(write(corpus.resolve("aws/" + g + "/" + account + "_CloudTrail_us-east-1_20260301T0800Z_r"
                        + r + ".json" + (gzip ? ".gz" : "")), Json.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(trail), gzip));
                for (JsonNode record : trail.path("Records").values()) {
                    thisGroup.add(Json.write(record));
                    records++;
                    // the same KMS call as EventBridge delivers it, with the same event id: a duplicate by design
                    if ("kms.amazonaws.com".equals(record.path("eventSource").asString()) && random.nextInt(10) == 0) {
                        eventBridge.add(eventBridgeOf(record, account));
                    }
                }
                for (String line : replica("aws-eventbridge", r).split("\n")) {
                    if (!line.isBlank()) {
                        eventBridge.add(Json.mapper().readTree(line));
                    }
                }
                for (JsonNode record : Json.mapper().readTree(replica("azure-audit", r)).path("records").values()) {
                    audit.add(record);
                }
                for (JsonNode event : Json.mapper().readTree(replica("azure-eventgrid", r)).values()) {
                    eventGrid.add(event);
                }
                for (String line : replica("gcp-audit", r).split("\n")) {
                    if (!line.isBlank()) {
                        gcp.add(Json.mapper().readTree(line));
                    }
                }
            }
            files.add(write(corpus.resolve("aws/" + g + "/eventbridge.jsonl"), lines(eventBridge), false));
            ObjectNode auditLog = Json.mapper().createObjectNode();
            auditLog.set("records", audit);
            files.add(write(corpus.resolve("azure/" + g + "/keyvault-audit.json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(auditLog), false));
            files.add(write(corpus.resolve("azure/" + g + "/eventgrid.json"), Json.write(eventGrid), false));
            files.add(write(corpus.resolve("gcp/" + g + "/cloudaudit.jsonl.gz"), lines(gcp), true));
            records += eventBridge.size() + audit.size() + eventGrid.size() + gcp.size();
            eventBridge.forEach(n -> thisGroup.add(Json.write(n)));
            audit.forEach(n -> thisGroup.add(Json.write(n)));
            eventGrid.forEach(n -> thisGroup.add(Json.write(n)));
            gcp.forEach(n -> thisGroup.add(Json.write(n)));
            // a share of the previous group's records delivered again, as an at-least-once channel does
            List<String> again = new ArrayList<>();
            for (String record : previousGroup) {
                if (random.nextInt(33) == 0) {
                    again.add(record);
                }
            }
            if (!again.isEmpty()) {
                files.add(write(corpus.resolve("redelivered/" + g + ".jsonl"), String.join("\n", again) + "\n", false));
                records += again.size();
            }
            previousGroup = thisGroup;
        }
        Check check = check(files);
        Path tenantsFile = dir.resolve("tenants.json");
        Map<String, Object> tenants = new LinkedHashMap<>();
        tenants.put("accounts", check.accountTenants());
        tenants.put("default", "default");
        Files.writeString(tenantsFile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tenants));
        return new Written(corpus, tenantsFile, List.copyOf(files), records, check.events(), check.duplicates(), replicas,
                check.eventsByTenant());
    }

    /** The sample's text with every identifier made replica {@code r}'s own. */
    String replica(String sample, int r) {
        String text = samples.get(sample);
        text = text.replace("111122223333", account(r));
        text = replaceEach(text, UUID_TEXT, m -> {
            String fresh = UUID.nameUUIDFromBytes(("r" + r + "/" + m.toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8)).toString();
            return Character.isUpperCase(m.chars().filter(Character::isLetter).findFirst().orElse('a'))
                    ? fresh.toUpperCase(Locale.ROOT) : fresh;
        });
        for (String vault : found(text, VAULT)) {
            text = Pattern.compile("(?i)(?<![a-z0-9-])" + Pattern.quote(vault) + "(?![a-z0-9-])").matcher(text)
                    .replaceAll(m -> Matcher.quoteReplacement(m.group() + (Character.isUpperCase(m.group().charAt(0))
                            ? "-R" : "-r") + r));
        }
        for (String project : found(text, PROJECT)) {
            text = Pattern.compile("(?<![a-z0-9-])" + Pattern.quote(project) + "(?![a-z0-9-])").matcher(text)
                    .replaceAll(Matcher.quoteReplacement(project + "-r" + r));
        }
        return INSERT_ID.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "r" + r + "\""));
    }

    private static String replaceEach(String text, Pattern pattern, UnaryOperator<String> by) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(by.apply(m.group())));
    }

    private static Set<String> found(String text, Pattern pattern) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    static String account(int r) {
        return String.format(Locale.ROOT, "%012d", 200_000_000_000L + r);
    }

    private static JsonNode eventBridgeOf(JsonNode record, String account) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.nameUUIDFromBytes(("eb/" + record.path("eventID").asString())
                .getBytes(StandardCharsets.UTF_8)).toString());
        event.put("detail-type", "AWS API Call via CloudTrail");
        event.put("source", "aws.kms");
        event.put("account", account);
        event.put("time", record.path("eventTime").asString());
        event.put("region", record.path("awsRegion").asString());
        event.putArray("resources");
        event.set("detail", record);
        return event;
    }

    private static String lines(List<JsonNode> records) {
        StringBuilder b = new StringBuilder();
        records.forEach(r -> b.append(Json.write(r)).append('\n'));
        return b.toString();
    }

    private static Path write(Path file, String text, boolean gzip) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private record Check(long events, long duplicates, Map<String, String> accountTenants,
                         Map<String, Long> eventsByTenant) {
    }

    /**
     * Decodes every file as an ingest would: no record may be malformed (the identifiers were replaced
     * consistently), and each replica's accounts go to its tenant.
     */
    private static Check check(List<Path> files) throws IOException {
        Decoders decoders = DecodeFormats.decoders();
        Map<String, String> accountTenants = new TreeMap<>();
        Map<String, Long> byTenant = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        long[] counts = new long[2];
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                decoders.read(file.toString(), in, record -> {
                    if (record instanceof DecodedRecord.Malformed m) {
                        problems.add(m.toString());
                    } else if (record instanceof DecodedRecord.Event e) {
                        String scope = e.event().key().provider().code() + ":" + e.event().key().accountScope();
                        String tenant = accountTenants.computeIfAbsent(scope, s -> TENANTS[replicaOf(s) % TENANTS.length]);
                        counts[0]++;
                        if (!seen.add(e.event().dedupKey())) {
                            counts[1]++;
                        } else {
                            byTenant.merge(tenant, 1L, Long::sum);
                        }
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the generated corpus has " + problems.size() + " malformed records, first: "
                    + problems.get(0));
        }
        return new Check(counts[0], counts[1], accountTenants, byTenant);
    }

    /** The replica an account scope belongs to, from the digits or the "-r" suffix its identifiers were given. */
    private static int replicaOf(String scope) {
        Matcher suffix = Pattern.compile("-r(\\d+)").matcher(scope.toLowerCase(Locale.ROOT));
        if (suffix.find()) {
            return Integer.parseInt(suffix.group(1));
        }
        Matcher account = Pattern.compile("2(\\d{11})").matcher(scope);
        if (account.find()) {
            return (int) (Long.parseLong(account.group(1)) % 1_000_000);
        }
        return Math.floorMod(scope.hashCode(), TENANTS.length);
    }

    /** Every file of the corpus, in the order an ingest of its folder reads them. */
    static List<Path> filesIn(Path corpus) throws IOException {
        try (Stream<Path> all = Files.walk(corpus)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
