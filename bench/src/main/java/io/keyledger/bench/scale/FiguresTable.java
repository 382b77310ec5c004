package io.keyledger.bench.scale;

import io.keyledger.core.sweep.KeyClass;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The figures as a text table: one row per measure, one column per pass. */
final class FiguresTable {

    private static final int LABEL_WIDTH = 36;
    private static final int COLUMN_WIDTH = 18;

    private final StringBuilder out = new StringBuilder();
    private final List<PassFigures> passes;

    private FiguresTable(List<PassFigures> passes) {
        this.passes = passes;
    }

    static String render(ScaleOptions o, ScaleRun.Result result) {
        FiguresTable t = new FiguresTable(result.passes());
        t.setup(o, result);
        t.row("", PassFigures::name);
        t.row("keys", p -> count(p.keys()));
        for (KeyClass c : KeyClass.values()) {
            t.row("  " + c.name().toLowerCase(Locale.ROOT), p -> count(p.count(c)));
        }
        t.row("corrections applied", p -> count(p.corrections()));
        t.row("partial scopes", p -> count(p.partialScopes()));
        t.row("duration (s)", p -> decimal(p.seconds(), 2));
        t.calls("list", PassFigures::list);
        t.calls("describe", PassFigures::describe);
        t.row("throttled by the provider", p -> count(p.throttled()));
        t.row("retries / given up", p -> count(p.retries()) + " / " + count(p.givenUp()));
        t.row("thread-seconds, summed over scopes", p -> decimal(p.threadSeconds().sweeping(), 2));
        t.row("  waiting for the pace (and backoff)", p -> decimal(p.threadSeconds().pacing(), 2));
        t.row("  store: look up listed keys", p -> decimal(p.threadSeconds().lookups(), 2));
        t.row("  store: scan for missing keys", p -> decimal(p.threadSeconds().missingScan(), 2));
        t.row("  store: apply corrections", p -> decimal(p.threadSeconds().applying(), 2));
        t.row("  the rest (compare, build events)", p -> decimal(p.threadSeconds().rest(), 2));
        t.row("store writes retried after a race", p -> count(p.writeConflicts()));
        t.row("peak heap used (MB)", p -> count(Math.round(p.peakHeapMb())));
        t.row("heap after GC (MB)", p -> count(Math.round(p.heapAfterGcMb())));
        return t.out.toString();
    }

    private void setup(ScaleOptions o, ScaleRun.Result result) {
        Runtime jvm = Runtime.getRuntime();
        line("KeyLedger sweep scale harness");
        line(String.format(Locale.ROOT, "%s keys in %d scopes (AWS account and region), pages of %s, %d scopes at a time",
                count(o.keys()), o.scopes(), count(o.pageSize()), o.parallelism()));
        line(String.format(Locale.ROOT, "provider quotas per scope: list %s/s, describe %s/s; paced to %s of them; "
                        + "%s of the keys deleted before the third pass",
                count(o.listQuota()), count(o.describeQuota()), decimal(o.quotaShare(), 2),
                decimal(o.removeShare(), 3)));
        line(String.format(Locale.ROOT, "store: %s; %d cpus, max heap %s MB; keys generated in %s s",
                o.store().name().toLowerCase(Locale.ROOT), jvm.availableProcessors(),
                count(Math.round(jvm.maxMemory() / ScaleRun.MB)), decimal(result.generateSeconds(), 2)));
        line("");
    }

    private void calls(String operation, Function<PassFigures, PassFigures.Calls> of) {
        row(operation + " calls", p -> count(of.apply(p).calls()));
        row("  pace while calling /s (share)", p -> of.apply(p).calls() < 2 ? "-"
                : count(Math.round(of.apply(p).pacePerSecond())) + " (" + decimal(of.apply(p).paceShare(), 2) + ")");
        row("  most in one second (share)", p -> count(of.apply(p).peakInOneSecond())
                + " (" + decimal(of.apply(p).peakShare(), 2) + ")");
    }

    private void row(String label, Function<PassFigures, String> cell) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s", label));
        for (PassFigures p : passes) {
            line.append(String.format(Locale.ROOT, "%" + COLUMN_WIDTH + "s", cell.apply(p)));
        }
        line(line.toString());
    }

    private void line(String text) {
        out.append(text).append(System.lineSeparator());
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String decimal(double x, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", x);
    }
}
