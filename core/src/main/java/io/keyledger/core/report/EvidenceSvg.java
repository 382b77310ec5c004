package io.keyledger.core.report;

import static io.keyledger.core.report.EvidenceHtml.esc;

import io.keyledger.core.key.LifecycleState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence page's charts as inline SVG: drawn here from the figures, so the page needs no script and
 * loads nothing. Each chart is an image with a title and a description for screen readers, and each bar
 * or cell carries a tooltip with its exact figure; the tables below the charts hold the same numbers.
 */
final class EvidenceSvg {

    static final int WIDTH = 720;
    private static final int LABEL = 150;
    private static final int MAX_SCOPES = 24;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private EvidenceSvg() {
    }

    /** The colour of each lifecycle state, in lifecycle order. */
    static String stateColour(String state) {
        return switch (state) {
            case "PRE_ACTIVATION" -> "#54aeff";
            case "ACTIVE" -> "#2da44e";
            case "SUSPENDED" -> "#d4a72c";
            case "DEACTIVATED" -> "#8250df";
            case "COMPROMISED" -> "#cf222e";
            case "DESTROYED" -> "#6e7781";
            case "DESTROYED_COMPROMISED" -> "#82071e";
            default -> "#d0d7de";
        };
    }

    static String verdictColour(Verdict v) {
        return switch (v) {
            case MET -> "#2da44e";
            case PARTIAL -> "#d4a72c";
            case NOT_MET -> "#cf222e";
        };
    }

    /** One horizontal bar per provider, split by lifecycle state, with a legend of the states present. */
    static String keysByProviderAndState(Map<String, Map<String, Long>> byProvider) {
        long max = byProvider.values().stream().mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
                .max().orElse(0);
        if (max == 0) {
            return empty("Keys by provider and state", "The inventory holds no key.");
        }
        List<String> states = new ArrayList<>();
        for (LifecycleState s : LifecycleState.values()) {
            if (byProvider.values().stream().anyMatch(m -> m.containsKey(s.name()))) {
                states.add(s.name());
            }
        }
        int bar = 26;
        int gap = 12;
        int top = 10;
        int plot = WIDTH - LABEL - 60;
        int legendY = top + byProvider.size() * (bar + gap) + 8;
        int height = legendY + 26;
        StringBuilder svg = open("chart-keys-svg", height, "Keys by provider and lifecycle state",
                describe(byProvider));
        int y = top;
        for (Map.Entry<String, Map<String, Long>> p : byProvider.entrySet()) {
            long total = p.getValue().values().stream().mapToLong(Long::longValue).sum();
            svg.append(text(LABEL - 8, y + bar / 2 + 5, "end", FigureLabels.provider(p.getKey()), "label"));
            double x = LABEL;
            for (String state : states) {
                long n = p.getValue().getOrDefault(state, 0L);
                if (n == 0) {
                    continue;
                }
                double w = plot * (double) n / max;
                svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y).append("\" width=\"")
                        .append(fmt(w)).append("\" height=\"").append(bar).append("\" fill=\"").append(stateColour(state))
                        .append("\"><title>").append(esc(FigureLabels.provider(p.getKey()) + ": " + n + " "
                                + FigureLabels.split(state))).append("</title></rect>\n");
                if (w >= 18) {
                    svg.append(text(x + w / 2, y + bar / 2 + 5, "middle", Long.toString(n), "in-bar"));
                }
                x += w;
            }
            svg.append(text(x + 6, y + bar / 2 + 5, "start", Long.toString(total), "total"));
            y += bar + gap;
        }
        double lx = LABEL;
        for (String state : states) {
            String name = FigureLabels.split(state);
            svg.append("<rect x=\"").append(fmt(lx)).append("\" y=\"").append(legendY).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(stateColour(state)).append("\"/>\n");
            svg.append(text(lx + 16, legendY + 11, "start", name, "legend"));
            lx += 16 + name.length() * 7.2 + 18;
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * One row per scope's latest sweep: the share of the cloud's keys the inventory already had right (the
     * thick bar) and the share the audit events explain (the thin bar), against the coverage threshold.
     */
    static String sweepCoverage(List<EvidenceCharts.SweepCoverage> sweeps, double threshold) {
        if (sweeps.isEmpty()) {
            return empty("Coverage of the latest sweeps", "No sweep finished in the last 30 days.");
        }
        List<EvidenceCharts.SweepCoverage> shown = sweeps.stream().limit(MAX_SCOPES).toList();
        int row = 46;
        int top = 8;
        int plot = WIDTH - 70;
        int x0 = 10;
        int axisY = top + shown.size() * row + 4;
        int height = axisY + 44;
        StringBuilder desc = new StringBuilder();
        for (EvidenceCharts.SweepCoverage s : shown) {
            desc.append(s.scope()).append(": inventory ").append(EvidenceReport.percent(s.inventoryCoverage()))
                    .append(", events ").append(EvidenceReport.percent(s.eventCoverage()))
                    .append(s.partial() ? " (partial)" : "").append("; ");
        }
        StringBuilder svg = open("chart-sweeps-svg", height, "Coverage of each scope's latest sweep", desc.toString());
        int y = top;
        for (EvidenceCharts.SweepCoverage s : shown) {
            String label = s.scope() + (s.partial() ? " (partial)" : "") + ", " + WHEN.format(s.finishedAt());
            svg.append(text(x0, y + 12, "start", label, "label small"));
            double inv = plot * clamp(s.inventoryCoverage());
            double ev = plot * clamp(s.eventCoverage());
            svg.append("<rect x=\"").append(x0).append("\" y=\"").append(y + 17).append("\" width=\"").append(plot)
                    .append("\" height=\"14\" fill=\"#eaeef2\"/>\n");
            svg.append("<rect x=\"").append(x0).append("\" y=\"").append(y + 17).append("\" width=\"").append(fmt(inv))
                    .append("\" height=\"14\" fill=\"").append(s.inventoryCoverage() >= threshold ? "#2da44e" : "#d4a72c")
                    .append("\"><title>").append(esc(s.scope() + ": the inventory already had "
                            + EvidenceReport.percent(s.inventoryCoverage()) + " of the keys right")).append("</title></rect>\n");
            svg.append("<rect x=\"").append(x0).append("\" y=\"").append(y + 33).append("\" width=\"").append(fmt(ev))
                    .append("\" height=\"5\" fill=\"#0969da\"><title>").append(esc(s.scope() + ": audit events explain "
                            + EvidenceReport.percent(s.eventCoverage()) + " of the keys")).append("</title></rect>\n");
            svg.append(text(x0 + plot + 6, y + 29, "start", EvidenceReport.percent(s.inventoryCoverage()), "total"));
            y += row;
        }
        double tx = x0 + plot * clamp(threshold);
        svg.append("<line x1=\"").append(fmt(tx)).append("\" y1=\"").append(top + 14).append("\" x2=\"").append(fmt(tx))
                .append("\" y2=\"").append(axisY).append("\" stroke=\"#1b1f24\" stroke-dasharray=\"4 3\"/>\n");
        svg.append(text(tx, axisY + 14, "middle", "threshold " + EvidenceReport.percent(threshold), "legend"));
        int ly = axisY + 26;
        svg.append("<rect x=\"").append(x0).append("\" y=\"").append(ly).append("\" width=\"12\" height=\"12\" fill=\"#2da44e\"/>\n");
        svg.append(text(x0 + 16, ly + 11, "start", "inventory already right", "legend"));
        svg.append("<rect x=\"").append(x0 + 200).append("\" y=\"").append(ly + 4).append("\" width=\"12\" height=\"5\" fill=\"#0969da\"/>\n");
        svg.append(text(x0 + 216, ly + 11, "start", "explained by audit events", "legend"));
        if (sweeps.size() > shown.size()) {
            svg.append(text(x0 + 420, ly + 11, "start", "and " + (sweeps.size() - shown.size()) + " more scopes",
                    "legend"));
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * One column per recorded evidence snapshot (oldest left) and one row per guideline, each cell coloured
     * by its verdict; the overall verdict is the top row.
     */
    static String verdictsOverTime(List<EvidenceSnapshot> history, List<String> guidelineIds) {
        if (history.isEmpty()) {
            return empty("Verdicts over time", "No evidence has been recorded yet.");
        }
        int cell = Math.max(8, Math.min(36, (WIDTH - 110) / history.size()));
        int rowH = 18;
        int left = 100;
        int top = 6;
        int rows = guidelineIds.size() + 1;
        int axisY = top + rows * rowH + 4;
        int height = axisY + 46;
        EvidenceSnapshot first = history.get(0);
        EvidenceSnapshot last = history.get(history.size() - 1);
        String desc = history.size() + " recorded snapshots from " + WHEN.format(first.generatedAt()) + " to "
                + WHEN.format(last.generatedAt()) + "; overall now " + FigureLabels.split(last.overall().name());
        StringBuilder svg = open("chart-verdicts-svg", height, "Verdicts over time", desc);
        List<String> rowNames = new ArrayList<>();
        rowNames.add("Overall");
        rowNames.addAll(guidelineIds);
        for (int r = 0; r < rowNames.size(); r++) {
            svg.append(text(left - 8, top + r * rowH + 13, "end", rowNames.get(r), r == 0 ? "label strong" : "label small"));
        }
        for (int c = 0; c < history.size(); c++) {
            EvidenceSnapshot s = history.get(c);
            int x = left + c * cell;
            for (int r = 0; r < rowNames.size(); r++) {
                Verdict v = r == 0 ? s.overall() : s.verdicts().get(rowNames.get(r));
                String fill = v == null ? "#eaeef2" : verdictColour(v);
                String tip = rowNames.get(r) + " at " + WHEN.format(s.generatedAt()) + ": "
                        + (v == null ? "not assessed" : FigureLabels.split(v.name()));
                svg.append("<rect x=\"").append(x + 1).append("\" y=\"").append(top + r * rowH + 1).append("\" width=\"")
                        .append(cell - 2).append("\" height=\"").append(rowH - 2).append("\" fill=\"").append(fill)
                        .append("\"><title>").append(esc(tip)).append("</title></rect>\n");
            }
        }
        // Within two days the hour tells snapshots apart; over longer spans the day is enough.
        boolean hours = java.time.Duration.between(first.generatedAt(), last.generatedAt()).toDays() < 2;
        DateTimeFormatter format = hours ? HOUR : DAY;
        int step = Math.max(1, (int) Math.ceil((hours ? 80.0 : 44.0) / cell));
        for (int c = 0; c < history.size(); c += step) {
            svg.append(text(c == 0 ? left : left + c * cell + cell / 2.0, axisY + 12, c == 0 ? "start" : "middle",
                    format.format(history.get(c).generatedAt()), "legend"));
        }
        int ly = axisY + 28;
        int lx = left;
        for (Verdict v : Verdict.values()) {
            svg.append("<rect x=\"").append(lx).append("\" y=\"").append(ly).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(verdictColour(v)).append("\"/>\n");
            String name = FigureLabels.split(v.name());
            svg.append(text(lx + 16, ly + 11, "start", name, "legend"));
            lx += 16 + name.length() * 7 + 22;
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String id, int height, String title, String description) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"").append(id).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\">\n");
        svg.append("<title id=\"").append(id).append("-t\">").append(esc(title)).append("</title>\n");
        svg.append("<desc id=\"").append(id).append("-d\">").append(esc(description)).append("</desc>\n");
        return svg;
    }

    private static String empty(String title, String message) {
        return "<p class=\"muted empty-chart\" title=\"" + esc(title) + "\">" + esc(message) + "</p>\n";
    }

    private static String describe(Map<String, Map<String, Long>> byProvider) {
        StringBuilder sb = new StringBuilder();
        byProvider.forEach((p, states) -> {
            sb.append(FigureLabels.provider(p)).append(": ");
            List<String> parts = new ArrayList<>();
            states.forEach((s, n) -> parts.add(n + " " + FigureLabels.split(s)));
            sb.append(String.join(", ", parts)).append("; ");
        });
        return sb.toString();
    }

    private static String text(double x, double y, String anchor, String content, String cls) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" class=\"" + cls + "\">"
                + esc(content) + "</text>\n";
    }

    private static double clamp(double share) {
        return Math.max(0, Math.min(1, share));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String when(Instant at) {
        return WHEN.format(at);
    }
}
