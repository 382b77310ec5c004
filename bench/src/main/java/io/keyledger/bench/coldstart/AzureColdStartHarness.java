package io.keyledger.bench.coldstart;

import io.keyledger.testkit.azure.Azurite;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start of the Azure ingest entry point: for each variant, starts N child JVMs one after the other and
 * takes the median wall time from starting the JVM to one ingested Event Hub batch, beside the child's own
 * uptime when its function was ready (init: for the Functions variant, after the injector built every
 * function, as the worker's first invocation does) and its peak resident memory. The store is the production one:
 * the Azure Tables store built from the app settings, on an Azurite the harness starts on loopback, each run into
 * tables of its own (created before it is timed, as a deployment's template creates them).
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests
 * java -cp bench/target/classes:testkit/target/classes io.keyledger.bench.coldstart.AzureColdStartHarness [--runs 5] [--only C1]
 * </pre>
 * Children run from the function app folder the build writes (adapters-azure/target/azure-functions/keyledger:
 * the jar and lib/), the SPI jar the Functions worker provides, {@code bench/target/classes} and
 * {@code testkit/target/classes} (the execution context), never from benchmarks.jar,
 * so that they load what the worker loads. Run it from the repository root.
 */
public final class AzureColdStartHarness {

    private AzureColdStartHarness() {
    }

    static List<ColdStartHarness.Variant> variants() {
        Map<String, String> env = AzureColdStartEvent.settings();
        String c1 = "-XX:TieredStopAtLevel=1";
        String plain = PlainAzureColdStart.class.getName();
        String functions = AzureFunctionsColdStart.class.getName();
        return List.of(
                new ColdStartHarness.Variant("plain Java main", plain, List.of(), env),
                new ColdStartHarness.Variant("plain Java main, C1", plain, List.of(c1), env),
                new ColdStartHarness.Variant("Functions injector + catalog", functions, List.of(), env),
                new ColdStartHarness.Variant("Functions injector + catalog, C1", functions, List.of(c1), env));
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int runs = 5;
        String only = "";
        Path app = Path.of("adapters-azure/target/azure-functions/keyledger");
        Path worker = Path.of("adapters-azure/target/azure-functions-worker");
        Path classes = Path.of("bench/target/classes");
        Path testkit = Path.of("testkit/target/classes");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i].toLowerCase(Locale.ROOT);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--runs N, --only TEXT)");
            }
        }
        if (!Files.isDirectory(app.resolve("lib")) || !Files.isDirectory(worker) || !Files.isDirectory(classes)) {
            throw new IllegalStateException("no " + app + ", " + worker + " or " + classes
                    + ": run `mvn -pl bench -am package -DskipTests` and start the harness from the repository root");
        }
        List<String> path = new ArrayList<>();
        path.add(app.resolve("keyledger-azure-functions.jar").toAbsolutePath().toString());
        path.addAll(ColdStartHarness.jarsIn(app.resolve("lib")));
        path.addAll(ColdStartHarness.jarsIn(worker));
        path.add(classes.toAbsolutePath().toString());
        path.add(testkit.toAbsolutePath().toString());
        String classpath = String.join(File.pathSeparator, path);
        try (Azurite azurite = Azurite.start()) {
            String matching = only;
            List<ColdStartHarness.Variant> chosen = variants().stream()
                    .filter(v -> v.name().toLowerCase(Locale.ROOT).contains(matching)).toList();
            Map<String, String> store = Map.of("KEYLEDGER_TABLES_CONNECTION", azurite.connectionString());
            List<String> tables = new ArrayList<>();
            for (int v = 0; v < chosen.size(); v++) {
                for (int r = 0; r < runs; r++) {
                    tables.add(tableOf(v, r));
                }
            }
            createTables(classpath, store, tables);
            ColdStartHarness.printHeader(50);
            for (int v = 0; v < chosen.size(); v++) {
                ColdStartHarness.Variant variant = chosen.get(v);
                List<ColdStartHarness.Run> results = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    Map<String, String> table = Map.of("KEYLEDGER_TABLE", tableOf(v, r));
                    results.add(ColdStartHarness.run(variant.withEnv(store).withEnv(table), classpath));
                }
                ColdStartHarness.printRow(50, variant, results);
            }
        }
    }

    /** Each run ingests into tables of its own, so that every run does the same work: a first delivery. */
    private static String tableOf(int variant, int run) {
        return "coldstart" + variant + "r" + run;
    }

    private static void createTables(String classpath, Map<String, String> env, List<String> tables)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, ColdStartTables.class.getName()));
        command.addAll(tables);
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(env);
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("could not create the cold starts' tables (exit " + exit + ")");
        }
    }
}
