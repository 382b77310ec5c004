package io.keyledger.bench.coldstart;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold start of the Lambda entry point: for each variant, starts N child JVMs one after the other and
 * takes the median wall time from starting the JVM to the first ingest response, beside the child's own
 * uptime when its handler was ready (init) and its peak resident memory.
 *
 * <pre>
 * mvn -B -ntp -pl bench -am package -DskipTests
 * java -cp bench/target/classes:testkit/target/classes:adapters-aws/target/keyledger-aws-lambda.jar \
 *     io.keyledger.bench.coldstart.ColdStartHarness [--runs 5] [--only functional]
 * </pre>
 * Children run from the Lambda jar, {@code bench/target/classes} (the harness's own classes) and
 * {@code testkit/target/classes} (the in-memory store and the Lambda context), never from benchmarks.jar,
 * so that they load what Lambda loads. Run it from the repository root.
 */
public final class ColdStartHarness {

    private static final String C1 = "-XX:TieredStopAtLevel=1";

    /** One way to start the function. */
    record Variant(String name, String mainClass, List<String> jvmOptions, Map<String, String> env) {

        /** The same variant with {@code more} environment variables. */
        Variant withEnv(Map<String, String> more) {
            Map<String, String> all = new HashMap<>(env);
            all.putAll(more);
            return new Variant(name, mainClass, jvmOptions, all);
        }
    }

    record Run(long wallMillis, long initMillis, long firstMillis, long cpuMillis, long rssKb) {
    }

    private ColdStartHarness() {
    }

    static List<Variant> variants() {
        Map<String, String> functional = Map.of("MAIN_CLASS", "io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration",
                "SPRING_CLOUD_FUNCTION_DEFINITION", "ingestEvents");
        Map<String, String> classic = Map.of("MAIN_CLASS", ClassicLambdaApplication.class.getName(),
                "SPRING_CLOUD_FUNCTION_DEFINITION", "ingestEvents");
        String noPreinit = "-Dspring.backgroundpreinitializer.ignore=true";
        List<String> quiet = List.of("-Dspring.main.banner-mode=off", "-Dspring.main.log-startup-info=false");
        String plain = PlainColdStart.class.getName();
        String lambda = LambdaColdStart.class.getName();
        String handler = HandlerColdStart.class.getName();
        Map<String, String> ingestEvents = Map.of("SPRING_CLOUD_FUNCTION_DEFINITION", "ingestEvents");
        return List.of(
                new Variant("plain Java main", plain, List.of(), Map.of()),
                new Variant("plain Java main, C1", plain, List.of(C1), Map.of()),
                new Variant("IngestHandler (deployed)", handler, List.of(), ingestEvents),
                new Variant("IngestHandler (deployed), C1", handler, List.of(C1), ingestEvents),
                new Variant("FunctionInvoker, functional", lambda, List.of(), functional),
                new Variant("FunctionInvoker, functional, C1", lambda, List.of(C1), functional),
                new Variant("FunctionInvoker, functional, no preinit, C1", lambda, List.of(noPreinit, C1), functional),
                new Variant("FunctionInvoker, functional, no preinit, quiet, C1", lambda,
                        concat(quiet, List.of(noPreinit, C1)), functional),
                new Variant("FunctionInvoker, @Bean + auto-config", lambda, List.of(), classic),
                new Variant("FunctionInvoker, @Bean + auto-config, C1", lambda, List.of(C1), classic),
                new Variant("FunctionInvoker, @Bean + auto-config, lazy, C1", lambda,
                        List.of("-Dspring.main.lazy-initialization=true", C1), classic),
                new Variant("FunctionInvoker, @Bean + auto-config, no preinit, C1", lambda,
                        List.of(noPreinit, C1), classic));
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int runs = 5;
        String only = "";
        Path jar = Path.of("adapters-aws/target/keyledger-aws-lambda.jar");
        Path classes = Path.of("bench/target/classes");
        Path testkit = Path.of("testkit/target/classes");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i].toLowerCase(Locale.ROOT);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--classes" -> classes = Path.of(args[++i]);
                case "--testkit" -> testkit = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--runs N, --only TEXT, --jar PATH, --classes DIR, --testkit DIR)");
            }
        }
        if (!Files.isRegularFile(jar) || !Files.isDirectory(classes) || !Files.isDirectory(testkit)) {
            throw new IllegalStateException("no " + jar + ", " + classes + " or " + testkit
                    + ": run `mvn -pl bench -am package -DskipTests` and start the harness from the repository root");
        }
        String classpath = jar.toAbsolutePath() + File.pathSeparator + classes.toAbsolutePath() + File.pathSeparator
                + testkit.toAbsolutePath();
        String matching = only;
        List<Variant> chosen = variants().stream().filter(v -> v.name().toLowerCase(Locale.ROOT).contains(matching))
                .toList();
        // Runs go round the variants, so that a change of load on a shared machine touches them all alike.
        Map<Variant, List<Run>> results = new java.util.LinkedHashMap<>();
        chosen.forEach(v -> results.put(v, new ArrayList<>()));
        for (int r = 0; r < runs; r++) {
            for (Variant v : chosen) {
                results.get(v).add(run(v, classpath));
            }
        }
        System.out.printf("%-50s %10s %10s %9s %9s %5s %12s%n", "variant", "first (ms)", "init (ms)", "CPU (ms)",
                "RSS (MB)", "runs", "x plain main");
        for (Map.Entry<Variant, List<Run>> e : results.entrySet()) {
            Variant v = e.getKey();
            List<Run> own = e.getValue();
            System.out.printf("%-50s %10d %10d %9d %9d %5d %12s%n", v.name(), median(own, Run::wallMillis),
                    median(own, Run::initMillis), median(own, Run::cpuMillis), median(own, Run::rssKb) / 1024, runs,
                    ratioToPlain(v, own, results));
        }
    }

    /** First response and CPU over those of the plain main with the same JVM options, when it ran too. */
    private static String ratioToPlain(Variant v, List<Run> own, Map<Variant, List<Run>> results) {
        for (Map.Entry<Variant, List<Run>> e : results.entrySet()) {
            Variant p = e.getKey();
            if (p.mainClass().equals(PlainColdStart.class.getName()) && p.jvmOptions().equals(v.jvmOptions())) {
                if (p.equals(v)) {
                    return "1.00 / 1.00";
                }
                return String.format(Locale.ROOT, "%.2f / %.2f",
                        (double) median(own, Run::wallMillis) / median(e.getValue(), Run::wallMillis),
                        (double) median(own, Run::cpuMillis) / median(e.getValue(), Run::cpuMillis));
            }
        }
        return "-";
    }

    static Run run(Variant v, String classpath) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(v.jvmOptions());
        command.addAll(List.of("-cp", classpath, v.mainClass()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("AWS_REGION", "us-east-1");
        pb.environment().put("KEYLEDGER_ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:111122223333:keyledger-alerts");
        pb.environment().putAll(v.env());
        long start = System.nanoTime();
        Process p = pb.start();
        long wall = -1;
        long init = -1;
        long first = -1;
        long rss = -1;
        long cpu = -1;
        List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ChildReport.FIRST)) {
                    wall = (System.nanoTime() - start) / 1_000_000;
                    first = Long.parseLong(line.substring(ChildReport.FIRST.length()).trim());
                } else if (line.startsWith(ChildReport.INIT)) {
                    init = Long.parseLong(line.substring(ChildReport.INIT.length()).trim());
                } else if (line.startsWith(ChildReport.CPU)) {
                    cpu = Long.parseLong(line.substring(ChildReport.CPU.length()).trim());
                } else if (line.startsWith(ChildReport.RSS)) {
                    rss = Long.parseLong(line.substring(ChildReport.RSS.length()).trim());
                } else if (other.size() < 20) {
                    other.add(line);
                }
            }
        }
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0 || wall < 0) {
            p.destroyForcibly();
            throw new IllegalStateException(v.name() + " failed (exit " + (p.isAlive() ? "none" : p.exitValue())
                    + "):\n" + String.join("\n", other));
        }
        return new Run(wall, init, first, cpu, rss);
    }

    /** The table of the cloud harnesses: the medians of first response, init and RSS per variant. */
    static void printHeader(int nameWidth) {
        System.out.printf("%-" + nameWidth + "s %10s %10s %9s %5s%n", "variant", "first (ms)", "init (ms)", "RSS (MB)",
                "runs");
    }

    static void printRow(int nameWidth, Variant v, List<Run> runs) {
        System.out.printf("%-" + nameWidth + "s %10d %10d %9d %5d%n", v.name(), median(runs, Run::wallMillis),
                median(runs, Run::initMillis), median(runs, Run::rssKb) / 1024, runs.size());
    }

    /** The absolute paths of the jars in {@code dir}, sorted. */
    static List<String> jarsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().map(f -> f.toAbsolutePath().toString())
                    .toList();
        }
    }

    static long median(List<Run> runs, java.util.function.ToLongFunction<Run> value) {
        List<Long> values = new ArrayList<>(runs.stream().map(value::applyAsLong).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
