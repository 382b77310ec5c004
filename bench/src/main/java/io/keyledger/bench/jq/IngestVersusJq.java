package io.keyledger.bench.jq;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.ledger.LedgerEntryType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * {@code keyledger ingest} into SQLite beside the jq pipeline a security engineer would run instead, on the
 * same generated CloudTrail corpus ({@link CloudTrailCorpus}), in one run: both as child processes, measured
 * alike (wall time, CPU time, peak resident memory), with the ratio of their record rates. Then it checks
 * that KeyLedger found exactly the key states jq found (and the generator knows), that every stored event
 * is in the history and the ledger, that the ledger verifies and that usage was rolled up.
 *
 * <p>A plain program, not a test: it exits with 1 after its table when a check fails, with 2 on a bad option.
 * jq (and GNU time, for exact figures) must be installed for the jq side; {@code --no-jq} runs without it.
 */
public final class IngestVersusJq {

    /** The pipeline of the issue: each key's last state-changing call by event time. */
    static final String JQ_FILTER = ".Records[] | select(.eventSource==\"kms.amazonaws.com\" and (.errorCode|not)) "
            + "| select(.eventName|IN(\"CreateKey\",\"EnableKey\",\"DisableKey\",\"ScheduleKeyDeletion\","
            + "\"CancelKeyDeletion\",\"DeleteKey\")) "
            + "| {arn: (.resources[0].ARN // .responseElements.keyMetadata.arn), t: .eventTime, e: .eventName}";
    static final String JQ_GROUP = "group_by(.arn) | map(sort_by(.t) | last) | .[]";

    private IngestVersusJq() {
    }

    public static void main(String[] args) throws Exception {
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("IngestVersusJq: " + e.getMessage());
            System.err.println(HarnessOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(HarnessOptions.USAGE);
            return;
        }
        System.exit(run(options, System.out) ? 0 : 1);
    }

    /** Runs every order the options ask for; true when every check passed. */
    static boolean run(HarnessOptions options, PrintStream out) throws IOException, InterruptedException {
        Path work = Files.createDirectories(options.work()).resolve("ingest-vs-jq-" + System.nanoTime());
        Files.createDirectories(work);
        boolean ok = true;
        List<Map<String, Object>> json = new ArrayList<>();
        try {
            for (CloudTrailCorpus.Order order : options.orders()) {
                ok &= runOrder(options, order, work, out, json);
            }
        } finally {
            if (!options.keep()) {
                deleteTree(work);
            } else {
                out.println("kept " + work);
            }
        }
        if (options.json().isPresent()) {
            Files.writeString(options.json().get(), Json.write(json) + "\n", StandardCharsets.UTF_8);
        }
        return ok;
    }

    private static boolean runOrder(HarnessOptions options, CloudTrailCorpus.Order order, Path work, PrintStream out,
                                    List<Map<String, Object>> json) throws IOException, InterruptedException {
        Path corpusDir = work.resolve(order.name().toLowerCase(Locale.ROOT));
        long t0 = System.nanoTime();
        CloudTrailCorpus.Summary corpus = CloudTrailCorpus.write(new CloudTrailCorpus.Settings(options.records(),
                options.keys(), options.perFile(), options.duplicates(), order, options.seed()), corpusDir);
        out.printf(Locale.ROOT, "%n%s corpus: %,d records (%,d unique, %,d delivered twice) about %,d keys in %,d gzip "
                        + "files, %.1f MB; %,d uses, %,d state-changing calls, %,d events to keep; written in %.1f s%n",
                order.name().toLowerCase(Locale.ROOT), corpus.records(), corpus.unique(), corpus.duplicates(),
                options.keys(), corpus.files(), corpus.bytes() / 1e6, corpus.uses(), corpus.stateChanging(),
                corpus.storedEvents(), (System.nanoTime() - t0) / 1e9);
        if (options.corpusOnly()) {
            out.println("written to " + corpusDir);
            return true;
        }
        out.println("keyledger runs as: java " + String.join(" ", options.javaOptions()) + " -jar <jar> ingest");

        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Optional<Map<String, String>> jqStates = Optional.empty();
        Optional<MeasuredCommand.Cost> jq = Optional.empty();
        if (options.jq()) {
            Path jqOut = work.resolve("jq-" + order + ".out");
            MeasuredCommand.Cost cost = MeasuredCommand.run(List.of("sh", "-c",
                            "zcat \"$0\"/*.json.gz | jq -c '" + JQ_FILTER + "' | jq -s -c '" + JQ_GROUP + "'",
                            corpusDir.toString()), Map.of(), work, jqOut, work.resolve("jq-" + order + ".err"));
            if (cost.exitCode() != 0) {
                problems.add("the jq pipeline exited with " + cost.exitCode() + ": "
                        + Files.readString(work.resolve("jq-" + order + ".err")).strip());
            }
            jq = Optional.of(cost);
            jqStates = Optional.of(readJq(jqOut));
            rows.add(new Row("jq pipeline", cost, Optional.empty()));
            compare("jq", jqStates.get(), corpus.lastStateChange(), problems);
        }
        for (int i = 0; i < options.jars().size(); i++) {
            Path jar = options.jars().get(i);
            String label = options.jars().size() == 1 ? "keyledger ingest" : "keyledger ingest [" + jar + "]";
            Path home = Files.createDirectories(work.resolve("home-" + order + "-" + i));
            Path db = home.resolve("keyledger.db");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options.javaOptions());
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "ingest", "--db", db.toString(), "--quiet",
                    corpusDir.toString()));
            Path stdout = work.resolve("keyledger-" + order + "-" + i + ".out");
            Path stderr = work.resolve("keyledger-" + order + "-" + i + ".err");
            MeasuredCommand.Cost cost = MeasuredCommand.run(command, Map.of("KEYLEDGER_HOME", home.toString()), work,
                    stdout, stderr);
            // 0: all applied; 2: some records not applied (the corpus has none, so that is a failure too)
            if (cost.exitCode() != 0) {
                problems.add(label + " exited with " + cost.exitCode() + ": " + tail(stderr));
            }
            IngestedInventory inventory = IngestedInventory.read(db, corpus);
            rows.add(new Row(label, cost, Optional.of(inventory)));
            check(label, inventory, corpus, problems);
            if (jqStates.isPresent()) {
                compareStates(label, inventory.stateByArn(), jqStates.get(), problems);
            }
            // The same files again, as a redelivery: nothing may change, and no alert may be raised again.
            MeasuredCommand.Cost again = MeasuredCommand.run(command, Map.of("KEYLEDGER_HOME", home.toString()), work,
                    stdout, stderr);
            if (again.exitCode() != 0) {
                problems.add(label + " (again) exited with " + again.exitCode() + ": " + tail(stderr));
            }
            IngestedInventory after = IngestedInventory.read(db, corpus);
            rows.add(new Row(label + " again", again, Optional.of(after)));
            if (after.alerts() != inventory.alerts()) {
                problems.add(label + ": ingesting the same files again raised " + (after.alerts() - inventory.alerts())
                        + " more alerts");
            }
            if (after.ledgerRecords() != inventory.ledgerRecords()) {
                problems.add(label + ": ingesting the same files again wrote " + (after.ledgerRecords()
                        - inventory.ledgerRecords()) + " more ledger records");
            }
            if (!after.stateByArn().equals(inventory.stateByArn())) {
                problems.add(label + ": ingesting the same files again changed key states");
            }
            Files.deleteIfExists(db);
        }
        print(out, corpus, rows, jq);
        json.add(figures(order, corpus, rows, jq));
        if (problems.isEmpty()) {
            out.println("checks: every key's state equals jq's and the generator's; every kept event is in the history "
                    + "and the ledger; the ledger verifies; every used key has a usage rollup; ingesting the same files "
                    + "again changes nothing and raises no alert");
        } else {
            problems.forEach(p -> out.println("FAILED: " + p));
        }
        return problems.isEmpty();
    }

    /** One measured command and, for KeyLedger, what it left in its database. */
    private record Row(String label, MeasuredCommand.Cost cost, Optional<IngestedInventory> inventory) {
    }

    private static Map<String, String> readJq(Path out) throws IOException {
        Map<String, String> last = new TreeMap<>();
        try (Stream<String> lines = Files.lines(out, StandardCharsets.UTF_8)) {
            lines.filter(l -> !l.isBlank()).forEach(l -> {
                JsonNode n = Json.mapper().readTree(l);
                last.put(n.path("arn").asString(), n.path("e").asString());
            });
        }
        return last;
    }

    /** The lifecycle state a key is in after its last state-changing call (docs/providers/aws.md). */
    static LifecycleState stateAfter(String eventName) {
        return switch (eventName) {
            case "CreateKey", "EnableKey" -> LifecycleState.ACTIVE;
            case "DisableKey", "CancelKeyDeletion" -> LifecycleState.SUSPENDED;
            case "ScheduleKeyDeletion" -> LifecycleState.DEACTIVATED;
            case "DeleteKey" -> LifecycleState.DESTROYED;
            default -> throw new IllegalArgumentException("not a state-changing call: " + eventName);
        };
    }

    private static void compare(String who, Map<String, String> found, Map<String, String> truth, List<String> problems) {
        if (!found.equals(truth)) {
            long differ = truth.entrySet().stream().filter(e -> !e.getValue().equals(found.get(e.getKey()))).count();
            problems.add(who + " found the last state change of " + found.size() + " keys, the generator "
                    + truth.size() + "; " + differ + " differ");
        }
    }

    private static void compareStates(String label, Map<String, LifecycleState> states, Map<String, String> jq,
                                      List<String> problems) {
        List<String> differ = new ArrayList<>();
        jq.forEach((arn, event) -> {
            LifecycleState expected = stateAfter(event);
            LifecycleState found = states.get(arn);
            if (found != expected) {
                differ.add(arn + ": jq " + event + " (" + expected + "), KeyLedger " + found);
            }
        });
        if (!differ.isEmpty()) {
            problems.add(label + ": " + differ.size() + " keys' states differ from jq's, e.g. " + differ.get(0));
        }
    }

    private static void check(String label, IngestedInventory inv, CloudTrailCorpus.Summary corpus,
                              List<String> problems) {
        List<String> differ = new ArrayList<>();
        corpus.lastStateChange().forEach((arn, event) -> {
            if (inv.stateByArn().get(arn) != stateAfter(event)) {
                differ.add(arn + ": " + event + ", KeyLedger " + inv.stateByArn().get(arn));
            }
        });
        if (!differ.isEmpty()) {
            problems.add(label + ": " + differ.size() + " keys' states differ from the generator's, e.g. " + differ.get(0));
        }
        if (inv.storedEvents() != corpus.storedEvents()) {
            problems.add(label + ": " + inv.storedEvents() + " events in the keys' histories, expected "
                    + corpus.storedEvents());
        }
        long accepted = inv.ledgerByType().getOrDefault(LedgerEntryType.EVENT_ACCEPTED, 0L);
        if (accepted != corpus.storedEvents()) {
            problems.add(label + ": " + accepted + " EVENT_ACCEPTED ledger records, expected " + corpus.storedEvents());
        }
        if (!inv.ledgerIntact()) {
            problems.add(label + ": the ledger does not verify");
        }
        if (inv.usageRollups() < corpus.usedKeys().size()) {
            problems.add(label + ": " + inv.usageRollups() + " usage rollups, " + corpus.usedKeys().size()
                    + " keys were used");
        }
    }

    private static void print(PrintStream out, CloudTrailCorpus.Summary corpus, List<Row> rows,
                              Optional<MeasuredCommand.Cost> jq) {
        out.printf(Locale.ROOT, "%-28s %9s %9s %12s %9s %8s %9s %9s %9s %7s%n", "", "wall s", "CPU s", "records/s",
                "peak MiB", "vs jq", "ledger", "changes", "rollups", "alerts");
        for (Row r : rows) {
            MeasuredCommand.Cost c = r.cost();
            double rate = corpus.records() / c.wallSeconds();
            String ratio = jq.map(j -> String.format(Locale.ROOT, "%.2fx", j.wallSeconds() / c.wallSeconds())).orElse("");
            String ledger = r.inventory().map(i -> String.format(Locale.ROOT, "%,d", i.ledgerRecords())).orElse("");
            String changes = r.inventory().map(i -> String.format(Locale.ROOT, "%,d",
                    i.ledgerByType().getOrDefault(LedgerEntryType.ASSET_CHANGED, 0L))).orElse("");
            String rollups = r.inventory().map(i -> String.format(Locale.ROOT, "%,d", i.usageRollups())).orElse("");
            String alerts = r.inventory().map(i -> String.format(Locale.ROOT, "%,d", i.alerts())).orElse("");
            out.printf(Locale.ROOT, "%-28s %9.2f %9.2f %,12.0f %9.0f %8s %9s %9s %9s %7s%s%n", r.label(),
                    c.wallSeconds(), c.cpuSeconds(), rate, c.peakRssBytes() / 1048576.0, ratio, ledger, changes, rollups,
                    alerts, c.sampled() ? "  (sampled)" : "");
        }
    }

    private static Map<String, Object> figures(CloudTrailCorpus.Order order, CloudTrailCorpus.Summary corpus,
                                               List<Row> rows, Optional<MeasuredCommand.Cost> jq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("order", order.name().toLowerCase(Locale.ROOT));
        m.put("records", corpus.records());
        m.put("keys", corpus.servicesByKey().size());
        m.put("files", corpus.files());
        m.put("bytes", corpus.bytes());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("command", r.label());
            run.put("wallSeconds", r.cost().wallSeconds());
            run.put("cpuSeconds", r.cost().cpuSeconds());
            run.put("recordsPerSecond", corpus.records() / r.cost().wallSeconds());
            run.put("peakRssBytes", r.cost().peakRssBytes());
            jq.ifPresent(j -> run.put("ratioToJq", j.wallSeconds() / r.cost().wallSeconds()));
            r.inventory().ifPresent(i -> {
                run.put("ledgerRecords", i.ledgerRecords());
                run.put("ledgerByType", i.ledgerByType());
                run.put("storedEvents", i.storedEvents());
                run.put("usageRollups", i.usageRollups());
                run.put("alerts", i.alerts());
            });
            runs.add(run);
        }
        m.put("runs", runs);
        return m;
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
