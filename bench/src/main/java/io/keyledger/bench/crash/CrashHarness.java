package io.keyledger.bench.crash;

import io.keyledger.core.assembly.CoreServices;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The crash and concurrency part of the reliability suite (docs/RELIABILITY.md): {@code keyledger} in child
 * JVMs on SQLite, killed with SIGKILL at random points and started again, and compared with a run that was not.
 * <ul>
 *   <li><b>ingest</b>: each run ingests the corpus ({@link CrashCorpus}) into a fresh home, is killed once to three
 *       times when the database has grown to a random size, and is then run to its end, reading the whole corpus
 *       again (redelivery: what was applied is skipped as duplicates);</li>
 *   <li><b>serve under writes</b>: {@code keyledger serve} over the ingested inventory, one client per tenant
 *       sending annotations, declared compromises, legal holds and alert acknowledgements ({@link ApiWrites}); the
 *       server is killed once or twice when a random number of writes were answered, with writes in flight,
 *       started again, and each client sends again every write not answered;</li>
 *   <li><b>concurrent ingests</b>: several {@code keyledger ingest} processes at once on one database, each reading
 *       a window of the corpus's files, every file read by two of them.</li>
 * </ul>
 * Each run's final state (every key's record and history, alerts, legal holds, and the ledger's records) is
 * compared with its reference ({@link InventoryState}), every ledger is verified, and every difference is printed.
 * Exits 1 if any run diverged, a ledger did not verify or a process failed, 2 on a bad option.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.keyledger.bench.crash.CrashHarness [--records 200000]
 *     [--ingest-runs 10] [--serve-runs 5] [--concurrent-runs 3] [--processes 3] [--keys-per-tenant 200] [--seed 15]</pre>
 */
public final class CrashHarness {

    /**
     * @param records        records in the corpus (at least)
     * @param ingestRuns     runs of ingest killed and resumed
     * @param serveRuns      runs of serve killed under writes
     * @param concurrentRuns runs of concurrent ingests
     * @param processes      ingests at once in a concurrent run
     * @param keysPerTenant  keys each tenant's client writes to (at most 1,000)
     * @param seed           the corpus's and the kill points' seed
     * @param heapMb         the children's maximum heap
     */
    public record Options(long records, int ingestRuns, int serveRuns, int concurrentRuns, int processes,
                          int keysPerTenant, long seed, int heapMb) {

        public static final Options DEFAULTS = new Options(200_000, 10, 5, 3, 3, 200, 15, 512);

        static Options parse(String[] args) {
            Options o = DEFAULTS;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                long v;
                try {
                    v = Long.parseLong(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(args[i] + ": expected a number, was " + args[i + 1]);
                }
                if (v < 0 || (v > Integer.MAX_VALUE && !args[i].equals("--records") && !args[i].equals("--seed"))) {
                    throw new IllegalArgumentException(args[i] + ": out of range: " + v);
                }
                int n = (int) Math.min(v, Integer.MAX_VALUE);
                o = switch (args[i]) {
                    case "--records" -> new Options(v, o.ingestRuns, o.serveRuns, o.concurrentRuns, o.processes,
                            o.keysPerTenant, o.seed, o.heapMb);
                    case "--ingest-runs" -> new Options(o.records, n, o.serveRuns, o.concurrentRuns, o.processes,
                            o.keysPerTenant, o.seed, o.heapMb);
                    case "--serve-runs" -> new Options(o.records, o.ingestRuns, n, o.concurrentRuns, o.processes,
                            o.keysPerTenant, o.seed, o.heapMb);
                    case "--concurrent-runs" -> new Options(o.records, o.ingestRuns, o.serveRuns, n, o.processes,
                            o.keysPerTenant, o.seed, o.heapMb);
                    case "--processes" -> new Options(o.records, o.ingestRuns, o.serveRuns, o.concurrentRuns,
                            Math.max(2, n), o.keysPerTenant, o.seed, o.heapMb);
                    case "--keys-per-tenant" -> new Options(o.records, o.ingestRuns, o.serveRuns, o.concurrentRuns,
                            o.processes, Math.max(1, Math.min(1000, n)), o.seed, o.heapMb);
                    case "--seed" -> new Options(o.records, o.ingestRuns, o.serveRuns, o.concurrentRuns, o.processes,
                            o.keysPerTenant, v, o.heapMb);
                    case "--heap" -> new Options(o.records, o.ingestRuns, o.serveRuns, o.concurrentRuns, o.processes,
                            o.keysPerTenant, o.seed, Math.max(64, n));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                };
            }
            return o;
        }
    }

    /**
     * One run and what came of it.
     *
     * @param kills       SIGKILLs sent (a kill point the process finished before is not counted)
     * @param story       what happened, in a few words
     * @param divergences differences from the reference, and ledgers that do not verify
     * @param problems    processes that failed, answers that were not expected
     */
    public record Run(String part, int number, int kills, String story, List<String> divergences,
                      List<String> problems, double seconds) {

        public boolean clean() {
            return divergences.isEmpty() && problems.isEmpty();
        }
    }

    /** What the harness measured. */
    public record Figures(CrashCorpus.Written corpus, InventoryState reference, double referenceSeconds,
                          long referenceBytes, InventoryState serveReference, int serveWrites, List<Run> runs) {

        public boolean clean() {
            return reference.ledgersIntact() && serveReference.ledgersIntact() && runs.stream().allMatch(Run::clean);
        }
    }

    private static final String INGEST = "ingest";
    private static final String SERVE = "serve under writes";
    private static final String CONCURRENT = "concurrent ingests";
    /** Divergences printed per run; the count is always printed. */
    private static final int SHOWN = 10;

    private final Path dir;
    private final Options options;
    private final PrintStream log;
    private final Random random;

    private CrashHarness(Path dir, Options options, PrintStream log) {
        this.dir = dir;
        this.options = options;
        this.log = log;
        this.random = new Random(options.seed());
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path dir = Files.createTempDirectory("keyledger-crash");
        System.out.println("working in " + dir + " (left in place to inspect)");
        Figures figures = run(dir, options, System.out);
        print(figures, options, System.out);
        System.exit(figures.clean() ? 0 : 1);
    }

    /** Runs every part, printing each run's outcome to {@code log} as it ends. */
    public static Figures run(Path dir, Options options, PrintStream log) throws IOException, InterruptedException {
        return new CrashHarness(dir, options, log).runAll();
    }

    private Figures runAll() throws IOException, InterruptedException {
        CrashCorpus.Written corpus = CrashCorpus.write(dir, options.records(), options.seed());
        log.printf(Locale.ROOT, "corpus: %,d files, %,d records, %,d events (%,d of them duplicates), %d replicas%n",
                corpus.files().size(), corpus.records(), corpus.events(), corpus.duplicates(), corpus.replicas());
        Path template = dir.resolve("template");
        Files.createDirectories(template);
        Files.copy(corpus.tenantsFile(), template.resolve("tenants.json"));

        Keyledger reference = home("reference", template);
        Instant referenceStart = CoreServices.systemClock().instant();
        long t0 = System.nanoTime();
        Keyledger.Result ingested = reference.run("ingest", ingest(corpus.dir()));
        double referenceSeconds = (System.nanoTime() - t0) / 1e9;
        if (ingested.exitCode() != 0) {
            throw new IllegalStateException("the reference ingest exited " + ingested.exitCode() + ": "
                    + firstLines(ingested.err()));
        }
        long written = reference.written();
        InventoryState referenceState = InventoryState.read(reference.database(), referenceStart);
        InventoryState anyOrder = InventoryState.read(reference.database(), referenceStart,
                InventoryState.Comparison.ANY_ARRIVAL_ORDER);
        log.printf(Locale.ROOT, "reference ingest: %.1f s, %,d bytes written; %d tenants, %,d keys, %,d history "
                        + "entries, %,d alerts, %,d ledger records, ledgers %s%n", referenceSeconds, written,
                referenceState.tenants(), referenceState.keys(), referenceState.events(), referenceState.alerts(),
                referenceState.ledgerRecords(), referenceState.ledgersIntact() ? "intact" : "BROKEN");

        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= options.ingestRuns(); i++) {
            runs.add(report(ingestRun(i, template, corpus, written, referenceState)));
        }

        Keyledger base = home("serve-base", reference.home());
        Map<String, String> tokens = new TreeMap<>();
        Map<String, List<ApiWrites.Write>> plan = ApiWrites.plan(base.database(), options.keysPerTenant());
        for (String tenant : plan.keySet()) {
            tokens.put(tenant, base.token(tenant, "admin"));
        }
        int writes = plan.values().stream().mapToInt(List::size).sum();
        Keyledger serveReference = home("serve-reference", base.home());
        Instant serveStart = CoreServices.systemClock().instant();
        List<String> referenceProblems = serveUntilDone(serveReference, plan, tokens, new TreeMap<>(), false, 0)
                .problems();
        if (!referenceProblems.isEmpty()) {
            throw new IllegalStateException("the reference writes did not go through: " + referenceProblems);
        }
        InventoryState serveState = InventoryState.read(serveReference.database(), serveStart);
        log.printf(Locale.ROOT, "reference serve: %,d writes from %d clients; %,d history entries, %,d alerts, "
                + "%,d ledger records, ledgers %s%n", writes, plan.size(), serveState.events(), serveState.alerts(),
                serveState.ledgerRecords(), serveState.ledgersIntact() ? "intact" : "BROKEN");
        for (int i = 1; i <= options.serveRuns(); i++) {
            runs.add(report(serveRun(i, base, plan, tokens, serveState)));
        }

        for (int i = 1; i <= options.concurrentRuns(); i++) {
            runs.add(report(concurrentRun(i, template, corpus, anyOrder)));
        }
        return new Figures(corpus, referenceState, referenceSeconds, written, serveState, writes, runs);
    }

    private Keyledger home(String name, Path from) {
        Path home = dir.resolve(name);
        Keyledger.copyHome(from, home);
        return new Keyledger(home, List.of("-Xmx" + options.heapMb() + "m"));
    }

    private static List<String> ingest(Path corpus) {
        return List.of("ingest", "-q", corpus.toString());
    }

    /** Kills the ingest one to three times at random sizes of the database, then lets it run to its end. */
    private Run ingestRun(int n, Path template, CrashCorpus.Written corpus, long written, InventoryState reference)
            throws IOException, InterruptedException {
        Keyledger home = home("ingest-" + n, template);
        Instant start = CoreServices.systemClock().instant();
        long t0 = System.nanoTime();
        int planned = 1 + random.nextInt(3);
        long[] points = new long[planned];
        for (int k = 0; k < planned; k++) {
            points[k] = 1 + (long) (random.nextDouble() * written);
        }
        Arrays.sort(points);
        List<String> problems = new ArrayList<>();
        List<String> story = new ArrayList<>();
        int kills = 0;
        for (int k = 0; k < planned; k++) {
            Process p = home.start("ingest-" + n + "-" + k, ingest(corpus.dir()));
            if (home.killWhenWritten(p, points[k])) {
                kills++;
                story.add(String.format(Locale.ROOT, "killed at %.1f MB", points[k] / 1e6));
            } else {
                story.add(String.format(Locale.ROOT, "ended before %.1f MB", points[k] / 1e6));
                if (p.exitValue() != 0) {
                    problems.add("ingest exited " + p.exitValue() + ": " + firstLines(Files.readString(
                            home.home().resolve("ingest-" + n + "-" + k + ".err"))));
                }
                break;
            }
        }
        Keyledger.Result last = home.run("ingest-" + n + "-resumed", ingest(corpus.dir()));
        if (last.exitCode() != 0) {
            problems.add("the resumed ingest exited " + last.exitCode() + ": " + firstLines(last.err()));
        }
        story.add("resumed: " + last.out().lines().findFirst().orElse(""));
        List<String> divergences = InventoryState.read(home.database(), start).divergencesFrom(reference);
        return new Run(INGEST, n, kills, String.join("; ", story), divergences, problems, (System.nanoTime() - t0) / 1e9);
    }

    /** Kills the server once or twice with writes in flight; each client then sends what was not answered again. */
    private Run serveRun(int n, Keyledger base, Map<String, List<ApiWrites.Write>> plan, Map<String, String> tokens,
                         InventoryState reference) throws IOException, InterruptedException {
        Keyledger home = home("serve-" + n, base.home());
        Instant start = CoreServices.systemClock().instant();
        long t0 = System.nanoTime();
        Map<String, Integer> positions = new TreeMap<>();
        plan.keySet().forEach(t -> positions.put(t, 0));
        int total = plan.values().stream().mapToInt(List::size).sum();
        int planned = 1 + random.nextInt(2);
        List<String> problems = new ArrayList<>();
        List<String> story = new ArrayList<>();
        int kills = 0;
        for (int k = 0; k < planned; k++) {
            int sent = positions.values().stream().mapToInt(Integer::intValue).sum();
            if (sent >= total) {
                break;
            }
            int point = 1 + random.nextInt(total - sent);
            Served served = serveUntilDone(home, plan, tokens, positions, true, point);
            problems.addAll(served.problems());
            kills++;
            int after = positions.values().stream().mapToInt(Integer::intValue).sum();
            story.add("killed after " + point + " answers (" + after + " of " + total + " writes answered)");
        }
        Served last = serveUntilDone(home, plan, tokens, positions, false, 0);
        problems.addAll(last.problems());
        story.add("restarted, every unanswered write sent again");
        List<String> divergences = InventoryState.read(home.database(), start).divergencesFrom(reference);
        return new Run(SERVE, n, kills, String.join("; ", story), divergences, problems, (System.nanoTime() - t0) / 1e9);
    }

    private record Served(List<String> problems) {
    }

    /**
     * Starts the server and one client per tenant from its position; kills the server (SIGKILL) once
     * {@code killAfter} writes were answered if {@code kill}, else stops it (SIGTERM) when the clients are done.
     * Each client's position moves to its first unanswered write.
     */
    private Served serveUntilDone(Keyledger home, Map<String, List<ApiWrites.Write>> plan, Map<String, String> tokens,
                                  Map<String, Integer> positions, boolean kill, int killAfter)
            throws IOException, InterruptedException {
        Keyledger.Server server = home.serve("serve");
        ApiWrites.Progress progress = new ApiWrites.Progress();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService clients = Executors.newFixedThreadPool(plan.size());
        Map<String, Future<Integer>> ends = new TreeMap<>();
        progress.clientsStarting(plan.size());
        for (Map.Entry<String, List<ApiWrites.Write>> e : plan.entrySet()) {
            String tenant = e.getKey();
            int from = positions.getOrDefault(tenant, 0);
            ends.put(tenant, clients.submit(() -> {
                try {
                    return ApiWrites.send(http, server.url(), tokens.get(tenant), e.getValue(), from, progress);
                } finally {
                    progress.clientEnded();
                }
            }));
        }
        if (kill) {
            progress.awaitAnswered(killAfter);
            server.kill();
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Future<Integer>> e : ends.entrySet()) {
            try {
                positions.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException failed) {
                problems.add(e.getKey() + "'s client failed: " + failed.getCause());
            }
        }
        problems.addAll(progress.unexpectedAnswers());
        clients.shutdown();
        if (!kill) {
            server.stop();
            for (Map.Entry<String, Integer> e : positions.entrySet()) {
                if (e.getValue() < plan.get(e.getKey()).size()) {
                    problems.add(e.getKey() + "'s client stopped at write " + e.getValue() + " of "
                            + plan.get(e.getKey()).size() + " while the server was up");
                }
            }
        }
        return new Served(problems);
    }

    /**
     * {@code processes} ingests at once, process {@code j} reading the files from {@code j/processes} of the sorted
     * list on, twice its share, wrapping around: every file is read by two processes, in different orders.
     */
    private Run concurrentRun(int n, Path template, CrashCorpus.Written corpus, InventoryState reference)
            throws IOException, InterruptedException {
        Keyledger home = home("concurrent-" + n, template);
        Instant start = CoreServices.systemClock().instant();
        long t0 = System.nanoTime();
        List<Path> files = CrashCorpus.filesIn(corpus.dir());
        int p = options.processes();
        // each run starts the windows elsewhere, so that the runs differ
        int offset = random.nextInt(files.size());
        List<Process> running = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            int from = offset + j * files.size() / p;
            int count = Math.min(files.size(), 2 * files.size() / p + 1);
            Path list = home.home().resolve("files-" + j + ".txt");
            List<String> window = new ArrayList<>();
            for (int f = 0; f < count; f++) {
                window.add(files.get((from + f) % files.size()).toString());
            }
            Files.write(list, window);
            List<String> args = new ArrayList<>(List.of("ingest", "-q"));
            args.addAll(window);
            running.add(home.start("concurrent-" + j, args));
        }
        List<String> problems = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            int exit = running.get(j).waitFor();
            if (exit != 0) {
                problems.add("process " + j + " exited " + exit + ": " + firstLines(Files.readString(
                        home.home().resolve("concurrent-" + j + ".err"))));
            }
        }
        List<String> divergences = InventoryState.read(home.database(), start,
                InventoryState.Comparison.ANY_ARRIVAL_ORDER).divergencesFrom(reference);
        return new Run(CONCURRENT, n, 0, p + " processes, each file read by two, starting at file " + offset,
                divergences, problems, (System.nanoTime() - t0) / 1e9);
    }

    private Run report(Run r) {
        log.printf(Locale.ROOT, "%s #%d (%.1f s): %s: %s%n", r.part(), r.number(), r.seconds(), r.story(),
                r.clean() ? "identical, ledgers intact" : r.divergences().size() + " divergences, "
                        + r.problems().size() + " problems");
        r.problems().stream().limit(SHOWN).forEach(x -> log.println("    problem: " + x));
        r.divergences().stream().limit(SHOWN).forEach(x -> log.println("    divergence: " + x));
        if (r.divergences().size() > SHOWN) {
            log.println("    ... and " + (r.divergences().size() - SHOWN) + " more divergences");
        }
        return r;
    }

    private static String firstLines(String text) {
        List<String> lines = text.lines().limit(3).toList();
        return String.join(" | ", lines);
    }

    /** The summary table: per part, runs, SIGKILLs, runs that diverged, divergences, problems. */
    public static void print(Figures f, Options o, PrintStream out) {
        out.printf(Locale.ROOT, "%n%,d records (%,d events, %,d duplicates) in %,d files; %,d keys in %d tenants; "
                        + "%,d API writes per serve run; children -Xmx%dm%n", f.corpus().records(), f.corpus().events(),
                f.corpus().duplicates(), f.corpus().files().size(), f.reference().keys(), f.reference().tenants(),
                f.serveWrites(), o.heapMb());
        out.printf(Locale.ROOT, "%-20s %5s %9s %15s %12s %9s %9s%n", "part", "runs", "SIGKILLs", "divergent runs",
                "divergences", "problems", "seconds");
        for (String part : List.of(INGEST, SERVE, CONCURRENT)) {
            List<Run> runs = f.runs().stream().filter(r -> r.part().equals(part)).toList();
            out.printf(Locale.ROOT, "%-20s %5d %9d %15d %12d %9d %9.0f%n", part, runs.size(),
                    runs.stream().mapToInt(Run::kills).sum(),
                    runs.stream().filter(r -> !r.divergences().isEmpty()).count(),
                    runs.stream().mapToInt(r -> r.divergences().size()).sum(),
                    runs.stream().mapToInt(r -> r.problems().size()).sum(),
                    runs.stream().mapToDouble(Run::seconds).sum());
        }
        out.println(f.clean() ? "every run identical to its reference, every ledger intact" : "DIVERGENCES OR FAILURES");
    }
}
