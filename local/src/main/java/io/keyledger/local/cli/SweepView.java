package io.keyledger.local.cli;

import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.functions.views.JsonViews;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How sweep reports print: a table row per scope, or JSON objects for scripts. */
final class SweepView {

    static final List<Column<SweepReport>> TABLE = List.of(
            Column.of("SWEEP", SweepReport::sweepId),
            Column.of("TENANT", SweepReport::tenant),
            Column.of("SCOPE", r -> r.scope().id()),
            Column.of("CONFIRMED", r -> count(r, KeyClass.CONFIRMED)),
            Column.of("UNTRACKED", r -> count(r, KeyClass.UNTRACKED)),
            Column.of("MISSING", r -> count(r, KeyClass.MISSING)),
            Column.of("DRIFTED", r -> count(r, KeyClass.DRIFTED)),
            Column.of("INVENTORY COVERAGE", r -> percent(r.inventoryCoverage())),
            Column.of("EVENT COVERAGE", r -> percent(r.eventCoverage())),
            Column.of("PARTIAL", r -> r.partialReason().orElse("-")));

    private SweepView() {
    }

    /** Prints reports as a table or as a JSON array; other formats are a usage error. */
    static void print(PrintWriter out, OutputFormat format, List<SweepReport> reports) {
        switch (format) {
            case JSON -> JsonOutput.print(out, reports.stream().map(SweepView::json).toList());
            case TABLE -> {
                Table.print(out, TABLE, reports);
                out.flush();
            }
            default -> throw new CliException(ExitCodes.USAGE, "--format must be table or json");
        }
    }

    static Map<String, Object> json(SweepReport r) {
        return JsonViews.sweep(r, true);
    }

    private static String count(SweepReport r, KeyClass c) {
        return Long.toString(r.counts().get(c));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
