package io.keyledger.bench.coldstart;

import io.keyledger.testkit.emulator.NodeEmulator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start of the Eventarc entry point on Google Cloud, beside a plain Java main doing the same work:
 * like {@link ColdStartHarness}, N child JVMs one after the other per variant, the median wall time from
 * starting the JVM to the first ingested CloudEvent, the child's uptime when its function was ready
 * (init), and its peak resident memory. Every child stores its event in Firestore, on an emulator of its own
 * started on loopback before it (so that no child finds the event already stored).
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests
 * java -cp bench/target/classes:testkit/target/classes io.keyledger.bench.coldstart.GcpColdStartHarness [--runs 5] [--only TEXT]
 * </pre>
 * Children run from the deployment jar ({@code adapters-gcp/target/keyledger-gcp-functions.jar}), the
 * Functions Framework and CloudEvents jars the Java runtime provides ({@code bench/target/gcp-runtime},
 * copied there by the build), {@code bench/target/classes} and {@code testkit/target/classes}, never from
 * benchmarks.jar. Run it from the repository root.
 */
public final class GcpColdStartHarness {

    private static final String C1 = "-XX:TieredStopAtLevel=1";

    private GcpColdStartHarness() {
    }

    static List<ColdStartHarness.Variant> variants() {
        // The alert topic makes the resources build the Pub/Sub client at init, as a deployment does; the store is
        // Firestore's, on the emulator each run adds as FIRESTORE_EMULATOR_HOST.
        Map<String, String> env = Map.of("KEYLEDGER_PROJECT", "acme-security",
                "KEYLEDGER_ALERT_TOPIC", "keyledger-alerts",
                "KEYLEDGER_TENANTS", "{\"acme-payments\": \"acme\"}");
        String noPreinit = "-Dspring.backgroundpreinitializer.ignore=true";
        String plain = PlainGcpColdStart.class.getName();
        String eventarc = EventarcColdStart.class.getName();
        return List.of(
                new ColdStartHarness.Variant("plain Java main", plain, List.of(), env),
                new ColdStartHarness.Variant("plain Java main, C1", plain, List.of(C1), env),
                new ColdStartHarness.Variant("Functions Framework entry point, functional", eventarc, List.of(), env),
                new ColdStartHarness.Variant("Functions Framework entry point, functional, C1", eventarc, List.of(C1), env),
                new ColdStartHarness.Variant("Functions Framework entry point, functional, no preinit, C1", eventarc,
                        List.of(noPreinit, C1), env));
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int runs = 5;
        String only = "";
        Path jar = Path.of("adapters-gcp/target/keyledger-gcp-functions.jar");
        Path runtime = Path.of("bench/target/gcp-runtime");
        Path classes = Path.of("bench/target/classes");
        Path testkit = Path.of("testkit/target/classes");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i].toLowerCase(Locale.ROOT);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--runtime" -> runtime = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--runs N, --only TEXT, --jar PATH, --runtime DIR)");
            }
        }
        if (!Files.isRegularFile(jar) || !Files.isDirectory(runtime) || !Files.isDirectory(classes)
                || !Files.isDirectory(testkit)) {
            throw new IllegalStateException("no " + jar + ", " + runtime + ", " + classes + " or " + testkit
                    + ": run `mvn -pl bench -am package -DskipTests` and start the harness from the repository root");
        }
        List<String> entries = new ArrayList<>(List.of(jar.toAbsolutePath().toString()));
        entries.addAll(ColdStartHarness.jarsIn(runtime));
        entries.add(classes.toAbsolutePath().toString());
        entries.add(testkit.toAbsolutePath().toString());
        String classpath = String.join(File.pathSeparator, entries);
        ColdStartHarness.printHeader(62);
        for (ColdStartHarness.Variant v : variants()) {
            if (!v.name().toLowerCase(Locale.ROOT).contains(only)) {
                continue;
            }
            List<ColdStartHarness.Run> results = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                try (NodeEmulator firestore = NodeEmulator.firestore()) {
                    Map<String, String> emulator = Map.of("FIRESTORE_EMULATOR_HOST", firestore.hostAndPort());
                    results.add(ColdStartHarness.run(v.withEnv(emulator), classpath));
                }
            }
            ColdStartHarness.printRow(62, v, results);
        }
    }
}
