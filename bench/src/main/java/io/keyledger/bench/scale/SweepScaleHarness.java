package io.keyledger.bench.scale;

import io.keyledger.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sweeps a simulated provider of 100,000 keys (by default) that enforces its quotas, three times, and
 * prints what each pass cost: see bench/README.md. A plain program rather than a JMH benchmark: one
 * pass is minutes of work at most and is measured once, as an operator would run it.
 *
 * <p>Exit status: 0 when every pass classed the keys as expected, 1 when not (the table is printed
 * anyway, followed by the problems), 2 on bad options.
 */
public final class SweepScaleHarness {

    private SweepScaleHarness() {
    }

    public static void main(String[] args) throws IOException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(ScaleOptions.USAGE);
            return;
        }
        ScaleOptions options;
        try {
            options = ScaleOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(ScaleOptions.USAGE);
            System.exit(2);
            return;
        }
        HarnessStore store;
        try {
            store = HarnessStore.open(options);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        ScaleRun.Result result;
        try (store) {
            result = ScaleRun.run(options, store.store());
        }
        System.out.print(FiguresTable.render(options, result));
        if (options.json().isPresent()) {
            Files.writeString(options.json().get(), json(options, result));
            System.out.println("figures written to " + options.json().get());
        }
        List<String> problems = result.problems();
        problems.forEach(p -> System.out.println("PROBLEM: " + p));
        if (!problems.isEmpty()) {
            System.exit(1);
        }
    }

    private static String json(ScaleOptions options, ScaleRun.Result result) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("keys", options.keys());
        settings.put("scopes", options.scopes());
        settings.put("parallelism", options.parallelism());
        settings.put("pageSize", options.pageSize());
        settings.put("listQuota", options.listQuota());
        settings.put("describeQuota", options.describeQuota());
        settings.put("quotaShare", options.quotaShare());
        settings.put("removeShare", options.removeShare());
        settings.put("store", options.store().name().toLowerCase(Locale.ROOT));
        settings.put("seed", options.seed());
        settings.put("cpus", Runtime.getRuntime().availableProcessors());
        settings.put("maxHeapMb", Runtime.getRuntime().maxMemory() / ScaleRun.MB);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settings", settings);
        out.put("generateSeconds", result.generateSeconds());
        out.put("passes", result.passes());
        out.put("problems", result.problems());
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out) + System.lineSeparator();
    }
}
