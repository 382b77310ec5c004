package io.keyledger.bench.ingest;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.gcp.firestore.FirestoreInventoryStore;
import io.keyledger.gcp.firestore.FirestoreRequestCounter;
import io.keyledger.gcp.format.GcpDemo;
import io.keyledger.gcp.functions.AuditLogEvents;
import io.keyledger.gcp.functions.GcpSettings;
import io.keyledger.gcp.functions.GoogleCloudResources;
import io.keyledger.gcp.functions.KeyLedgerGcpConfiguration;
import io.keyledger.testkit.emulator.NodeEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * Firestore requests per ingested event through the Eventarc entry point: Cloud KMS audit log entries, each the
 * CloudEvent Eventarc delivers, go to {@link AuditLogEvents} as the Functions Framework creates it, on the
 * production resources ({@link GoogleCloudResources}: the Firestore store) with the Firestore emulator as
 * {@code FIRESTORE_EMULATOR_HOST}. It prints the requests per event, per Firestore method, and the documents read
 * and written, for new events and for the same events delivered again; and events per second, which are the
 * emulator's. Run it from the functions' jar and bench's classes (see bench/README.md); it exits with 1 when the
 * inventory does not hold every key, with 2 on a bad option.
 */
public final class EventarcIngestHarness {

    static final String USAGE = String.join("\n",
            "usage: java -cp 'bench/target/classes:testkit/target/classes:adapters-gcp/target/keyledger-gcp-functions.jar:"
                    + "bench/target/gcp-runtime/*' io.keyledger.bench.ingest.EventarcIngestHarness [options]",
            "  --copies N          copies of the demo's Cloud KMS entries measured, each on keys of its own (30)",
            "  --warmup-copies N   copies ingested first, not measured (5)");

    private static final String DEMO = GcpDemo.sampleFiles().get(0);
    /** The demo's keys, renamed in each copy. */
    private static final List<String> KEYS = List.of("warehouse", "legacy-reports", "release-signer");

    record Options(int copies, int warmupCopies) {
        Options {
            if (copies < 1 || warmupCopies < 0) {
                throw new IllegalArgumentException("--copies must be at least 1 and --warmup-copies not negative");
            }
        }

        static Options parse(String... args) {
            Map<String, Integer> given = new HashMap<>();
            Set<String> names = Set.of("--copies", "--warmup-copies");
            for (int i = 0; i < args.length; i += 2) {
                if (!names.contains(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
                }
                try {
                    given.put(args[i], Integer.parseInt(args[i + 1]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(args[i] + ": not a whole number: " + args[i + 1]);
                }
            }
            return new Options(given.getOrDefault("--copies", 30), given.getOrDefault("--warmup-copies", 5));
        }
    }

    /** What one pass over the events cost. */
    record Pass(String name, int events, long nanos, FirestoreRequestCounter.Snapshot firestore) {
        double perEvent(long count) {
            return (double) count / events;
        }
    }

    private EventarcIngestHarness() {
    }

    public static void main(String[] args) {
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

    /** The measured passes, and what was wrong. */
    record Result(Pass fresh, Pass redelivered, List<String> problems) {
    }

    static Result run(Options options) {
        System.setProperty("logging.level.io.keyledger", "WARN");
        try (NodeEmulator emulator = NodeEmulator.firestore()) {
            GcpSettings settings = GcpSettings.fromEnvironment(Map.of(
                    GcpSettings.PROJECT, "acme-security",
                    GcpSettings.TENANTS, "{\"acme-analytics\": \"acme\"}",
                    GcpSettings.FIRESTORE_EMULATOR_HOST, emulator.hostAndPort()));
            AtomicReference<GoogleCloudResources> built = new AtomicReference<>();
            try (var override = KeyLedgerGcpConfiguration.overrideResources(() -> {
                built.set(GoogleCloudResources.builder(settings).build());
                return built.get();
            })) {
                long initStart = System.nanoTime();
                AuditLogEvents function = new AuditLogEvents();
                long initNanos = System.nanoTime() - initStart;
                FirestoreRequestCounter counter = built.get().firestoreRequests();
                List<String> entries = demoEntries();

                pass("warm-up", function, events(entries, 0, options.warmupCopies()), counter);
                List<CloudEvent> measured = events(entries, options.warmupCopies(), options.copies());
                Pass fresh = pass("new events", function, measured, counter);
                Pass again = pass("redelivered", function, measured, counter);

                print(options, entries.size(), initNanos, List.of(fresh, again));
                List<String> problems = check(built.get(), KEYS.size() * (options.warmupCopies() + options.copies()));
                function.close();
                return new Result(fresh, again, problems);
            }
        }
    }

    private static Pass pass(String name, AuditLogEvents function, List<CloudEvent> events,
                             FirestoreRequestCounter counter) {
        FirestoreRequestCounter.Snapshot before = counter.snapshot();
        long start = System.nanoTime();
        events.forEach(function::accept);
        return new Pass(name, events.size(), System.nanoTime() - start, counter.snapshot().minus(before));
    }

    /** The demo's Cloud Audit Log entries for Cloud KMS, one JSON line each. */
    static List<String> demoEntries() {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                EventarcIngestHarness.class.getClassLoader().getResourceAsStream(DEMO), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Copies {@code from} to {@code from + count} of the entries, each on keys of its own (the demo's key names
     * with the copy's number) and with insert ids of its own, as Eventarc's CloudEvents (binary mode, as the
     * invoker hands them over), copy after copy.
     */
    static List<CloudEvent> events(List<String> entries, int from, int count) {
        List<CloudEvent> out = new ArrayList<>();
        for (int copy = from; copy < from + count; copy++) {
            for (String entry : entries) {
                String text = entry;
                for (String key : KEYS) {
                    text = text.replace("/cryptoKeys/" + key, "/cryptoKeys/" + key + "-" + copy);
                }
                JsonNode json = Json.mapper().readTree(text);
                String insertId = json.path("insertId").asString() + "-" + copy;
                text = text.replace("\"insertId\":\"" + json.path("insertId").asString() + "\"",
                        "\"insertId\":\"" + insertId + "\"");
                out.add(CloudEventBuilder.v1()
                        .withId(json.path("logName").asString() + "-" + insertId)
                        .withSource(URI.create("//cloudaudit.googleapis.com/projects/acme-analytics/logs/activity"))
                        .withType("google.cloud.audit.log.v1.written")
                        .withTime(OffsetDateTime.parse(json.path("timestamp").asString()))
                        .withDataContentType("application/json; charset=utf-8")
                        .withExtension("servicename", "cloudkms.googleapis.com")
                        .withExtension("methodname", json.path("protoPayload").path("methodName").asString())
                        .withData(text.getBytes(StandardCharsets.UTF_8))
                        .build());
            }
        }
        return out;
    }

    private static List<String> check(GoogleCloudResources resources, int keys) {
        FirestoreInventoryStore store = (FirestoreInventoryStore) resources.store();
        int held = store.assets("acme", AssetQuery.ALL, PageRequest.first(PageRequest.MAX_LIMIT)).items().size();
        return held == keys ? List.of() : List.of("the inventory holds " + held + " keys, expected " + keys);
    }

    private static void print(Options options, int perCopy, long initNanos, List<Pass> passes) {
        System.out.printf("AuditLogEvents into Firestore (emulator): %d copies x %d Cloud KMS entries, after %d warm-up "
                        + "copies; function initialised in %.2f s%n", options.copies(), perCopy, options.warmupCopies(),
                initNanos / 1e9);
        StringBuilder header = new StringBuilder(String.format("%-34s", ""));
        passes.forEach(p -> header.append(String.format("%16s", p.name())));
        System.out.println(header);
        row("events", passes, p -> String.valueOf(p.events()));
        row("duration (s)", passes, p -> String.format("%.2f", p.nanos() / 1e9));
        row("events/s", passes, p -> String.format("%.0f", p.events() / (p.nanos() / 1e9)));
        row("Firestore requests per event", passes, p -> String.format("%.2f", p.perEvent(p.firestore().totalRequests())));
        Set<String> methods = new TreeSet<>();
        passes.forEach(p -> methods.addAll(p.firestore().requests().keySet()));
        for (String method : methods) {
            row("  " + method, passes, p -> String.format("%.2f", p.perEvent(p.firestore().requests(method))));
        }
        row("refused commits per event", passes,
                p -> String.format("%.2f", p.perEvent(p.firestore().failures().getOrDefault("Commit", 0L))));
        row("documents read per event", passes, p -> String.format("%.2f", p.perEvent(p.firestore().documentReads())));
        row("documents written per event", passes,
                p -> String.format("%.2f", p.perEvent(p.firestore().documentWrites())));
    }

    private static void row(String name, List<Pass> passes, java.util.function.Function<Pass, String> value) {
        StringBuilder line = new StringBuilder(String.format("%-34s", name));
        passes.forEach(p -> line.append(String.format("%16s", value.apply(p))));
        System.out.println(line);
    }
}
