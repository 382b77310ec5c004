package io.keyledger.core.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence as one self-contained HTML page for a person to read or print: figures labelled in words,
 * three inline SVG charts (keys by provider and state, coverage of the latest sweeps, verdicts over time),
 * and a print stylesheet. No script and no external resource: a Content-Security-Policy forbids loading
 * anything, and every text that comes from data (tenant, figures, reasons) is escaped.
 */
final class EvidenceHtml {

    private static final String STYLE = """
            :root{color-scheme:light}
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:62em;\
            padding:0 1em;color:#1b1f24;line-height:1.45}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin:1.6em 0 .3em;border-top:1px solid #d0d7de;\
            padding-top:1em}h3{font-size:1em;margin:1.2em 0 .3em}
            table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:.3em .5em;\
            text-align:left;vertical-align:top}th{background:#f6f8fa;font-weight:600}table.figures td:first-child{width:45%}
            .v{display:inline-block;padding:.1em .6em;border-radius:1em;font-weight:600;font-size:.9em;white-space:nowrap}
            .MET{background:#dafbe1;color:#116329}.PARTIAL{background:#fff8c5;color:#7d4e00}\
            .NOT_MET{background:#ffebe9;color:#a40e26}
            .muted{color:#57606a}ul{margin:0;padding-left:1.2em}nav ul{columns:2}
            figure{margin:1em 0 1.5em}figcaption{font-weight:600;margin-bottom:.4em}
            svg{max-width:100%;height:auto;font-size:12px;font-family:inherit}
            svg .label{fill:#1b1f24}svg .small{font-size:11px}svg .strong{font-weight:700}\
            svg .in-bar{fill:#fff;font-weight:600}svg .total{fill:#1b1f24;font-weight:600}svg .legend{fill:#57606a;font-size:11px}
            .reason{margin:.3em 0}
            @page{size:A4;margin:15mm 12mm}
            @media print{
            body{margin:0;max-width:none;padding:0;font-size:10pt;color:#000}
            nav,.screen-only{display:none}
            *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
            h2{break-after:avoid;page-break-after:avoid}
            section.guideline,figure,tr{break-inside:avoid;page-break-inside:avoid}
            section#charts{break-before:page;page-break-before:always}
            a{color:inherit;text-decoration:none}
            svg{width:100%}
            }
            """;

    /** Forbids every load: the page is complete as it is, and a figure's text can never fetch anything. */
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private EvidenceHtml() {
    }

    static void write(Evidence e, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n");
        w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.write("<title>CEK-21 evidence: " + esc(e.tenant()) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n");
        w.write("<header id=\"top\">\n<h1>CEK-21 Key Inventory Management: evidence</h1>\n");
        w.write("<p class=\"muted\">Tenant <strong>" + esc(e.tenant()) + "</strong>, figures as of "
                + esc(EvidenceSvg.when(e.generatedAt())) + ". Overall " + verdict(e.overall()) + "</p>\n</header>\n");
        w.write("<section id=\"control\">\n<p><strong>Control.</strong> " + esc(Evidence.CONTROL) + ": "
                + esc(Evidence.SPECIFICATION) + "<br><span class=\"muted\">Mappings: " + esc(Evidence.MAPPINGS)
                + "</span></p>\n</section>\n");

        w.write("<nav class=\"screen-only\" aria-label=\"Contents\"><ul>\n<li><a href=\"#summary\">Verdicts</a></li>\n"
                + "<li><a href=\"#charts\">At a glance</a></li>\n");
        for (Guideline g : e.guidelines()) {
            w.write("<li><a href=\"#" + esc(anchor(g.id())) + "\">" + esc(g.id()) + "</a></li>\n");
        }
        w.write("<li><a href=\"#thresholds\">Thresholds</a></li>\n</ul></nav>\n");

        w.write("<section id=\"summary\">\n<h2>Verdicts</h2>\n<table>\n<thead><tr><th>Guideline</th>"
                + "<th>The auditor checks</th><th>Verdict</th><th>Why</th></tr></thead>\n<tbody>\n");
        for (Guideline g : e.guidelines()) {
            w.write("<tr><td><a href=\"#" + esc(anchor(g.id())) + "\">" + esc(g.id()) + "</a></td><td>"
                    + esc(g.auditorChecks()) + "</td><td>" + verdict(g.verdict()) + "</td><td>" + esc(g.reason())
                    + "</td></tr>\n");
        }
        w.write("</tbody>\n</table>\n</section>\n");

        EvidenceCharts c = e.charts();
        w.write("<section id=\"charts\">\n<h2>At a glance</h2>\n");
        w.write("<figure id=\"chart-keys\">\n<figcaption>Keys by provider and lifecycle state</figcaption>\n");
        w.write(EvidenceSvg.keysByProviderAndState(c.keysByProviderAndState()));
        w.write("</figure>\n<figure id=\"chart-sweeps\">\n<figcaption>Coverage of each scope's latest sweep "
                + "(last " + esc(EvidenceReport.days(e.thresholds().staleSweep())) + ")</figcaption>\n");
        w.write(EvidenceSvg.sweepCoverage(c.latestSweeps(), e.thresholds().minCoverage()));
        w.write("</figure>\n<figure id=\"chart-verdicts\">\n<figcaption>Verdicts over time, as recorded in the "
                + "ledger</figcaption>\n");
        w.write(EvidenceSvg.verdictsOverTime(history(e), e.guidelines().stream().map(Guideline::id).toList()));
        w.write("</figure>\n</section>\n");

        for (Guideline g : e.guidelines()) {
            w.write("<section class=\"guideline\" id=\"" + esc(anchor(g.id())) + "\">\n<h2>" + esc(g.id()) + ": "
                    + esc(g.auditorChecks()) + "</h2>\n");
            w.write("<p class=\"reason\">" + verdict(g.verdict()) + " " + esc(g.reason()) + "</p>\n");
            w.write("<p class=\"muted\">Implemented by: " + esc(g.implementedBy()) + "</p>\n");
            w.write("<table class=\"figures\">\n<thead><tr><th>Figure</th><th>Value</th></tr></thead>\n<tbody>\n");
            for (Map.Entry<String, Object> f : g.figures().entrySet()) {
                w.write("<tr><td>" + esc(FigureLabels.label(f.getKey())) + "</td><td>" + figure(f.getKey(), f.getValue())
                        + "</td></tr>\n");
            }
            w.write("</tbody>\n</table>\n</section>\n");
        }

        EvidenceThresholds t = e.thresholds();
        w.write("<section id=\"thresholds\">\n<h2>Thresholds</h2>\n<table>\n<tbody>\n");
        row(w, "Attribute filled on, for MET", EvidenceReport.percent(t.completeShare()) + " of keys");
        row(w, "Below this share, NOT MET", EvidenceReport.percent(t.partialShare()));
        row(w, "Partially observed keys at most, for MET", EvidenceReport.percent(t.maxPartialObserved()));
        row(w, "Newest audit event at most", EvidenceReport.days(t.maxEventSilence()) + " old");
        row(w, "Complete sweep of every scope holding keys within", EvidenceReport.days(t.sweepInterval()));
        row(w, "Sweeps older than this do not count", EvidenceReport.days(t.staleSweep()));
        row(w, "Lowest inventory coverage of the latest sweeps", EvidenceReport.percent(t.minCoverage()));
        row(w, "HIGH or CRITICAL alerts open at most", EvidenceReport.days(t.maxOpenHighAlert()));
        row(w, "Retention periods at least", period(t.minRetention().toString()));
        row(w, "Access reviewed at least every", EvidenceReport.days(t.accessReviewInterval()));
        row(w, "A coordination feed exchanged within", EvidenceReport.days(t.feedMaxAge()));
        w.write("</tbody>\n</table>\n</section>\n");
        w.write("<footer><p class=\"muted\">Generated by KeyLedger. Shares are of the tenant's key records, destroyed keys "
                + "still retained included. The JSON form of this report (format json) carries every figure by name.</p>"
                + "</footer>\n</body>\n</html>\n");
        w.flush();
    }

    /** The recorded snapshots, with this evidence as the last column when it was not recorded itself. */
    private static List<EvidenceSnapshot> history(Evidence e) {
        List<EvidenceSnapshot> h = new ArrayList<>(e.charts().history());
        if (h.isEmpty() || !h.get(h.size() - 1).generatedAt().equals(e.generatedAt())) {
            h.add(EvidenceSnapshot.of(e));
        }
        return h.size() > EvidenceCharts.MAX_HISTORY ? h.subList(h.size() - EvidenceCharts.MAX_HISTORY, h.size()) : h;
    }

    private static void row(Writer w, String name, String value) throws IOException {
        w.write("<tr><th>" + esc(name) + "</th><td>" + esc(value) + "</td></tr>\n");
    }

    private static String verdict(Verdict v) {
        return "<span class=\"v " + v.name() + "\">" + v.name().replace('_', ' ') + "</span>";
    }

    static String anchor(String id) {
        return "g-" + id.replaceAll("[^A-Za-z0-9]", "-");
    }

    /** A figure's value in words; provider codes named as products where the figure is about providers. */
    private static String figure(String name, Object v) {
        boolean providers = name.equals("keysByProvider") || name.equals("providersSwept");
        return value(v, providers);
    }

    static String value(Object v) {
        return value(v, false);
    }

    /**
     * A figure's value as escaped HTML in words: shares as percentages, yes and no, instants in UTC, periods in
     * days, months or years, maps and lists as lists, nothing as a dash.
     */
    private static String value(Object v, boolean providers) {
        Object x = v instanceof Optional<?> o ? o.orElse(null) : v;
        if (x == null) {
            return "&mdash;";
        }
        if (x instanceof Double d) {
            return esc(EvidenceReport.percent(d));
        }
        if (x instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (x instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return "&mdash;";
            }
            StringBuilder sb = new StringBuilder("<ul>");
            m.forEach((k, val) -> sb.append("<li>").append(esc(key(String.valueOf(k), providers))).append(": ")
                    .append(value(val, providers)).append("</li>"));
            return sb.append("</ul>").toString();
        }
        if (x instanceof Collection<?> c) {
            if (c.isEmpty()) {
                return "&mdash;";
            }
            StringBuilder sb = new StringBuilder();
            for (Object o : c) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(value(o, providers));
            }
            return sb.toString();
        }
        if (x instanceof Instant i) {
            return esc(EvidenceSvg.when(i));
        }
        if (x instanceof Duration d) {
            return esc(duration(d));
        }
        if (x instanceof Enum<?> en) {
            return esc(FigureLabels.split(en.name()));
        }
        if (x instanceof String s) {
            if (providers) {
                return esc(FigureLabels.provider(s));
            }
            if (s.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+|[A-Z]{4,}")) {
                return esc(FigureLabels.split(s));
            }
            if (s.startsWith("P")) {
                return esc(period(s));
            }
        }
        return esc(String.valueOf(x));
    }

    /** A map key: a provider, a labelled figure, an enumeration constant in words, or data as it is. */
    private static String key(String k, boolean providers) {
        if (providers) {
            return FigureLabels.provider(k);
        }
        if (k.matches("[A-Z][A-Z0-9_]*")) {
            return FigureLabels.split(k);
        }
        return FigureLabels.known(k).orElse(k);
    }

    /** {@code P7Y} as "7 years", {@code PT8760H} as "365 days"; anything else as it is. */
    static String period(String iso) {
        try {
            if (iso.startsWith("PT")) {
                return duration(Duration.parse(iso));
            }
            Period p = Period.parse(iso);
            List<String> parts = new ArrayList<>();
            if (p.getYears() != 0) {
                parts.add(plural(p.getYears(), "year"));
            }
            if (p.getMonths() != 0) {
                parts.add(plural(p.getMonths(), "month"));
            }
            if (p.getDays() != 0) {
                parts.add(plural(p.getDays(), "day"));
            }
            return parts.isEmpty() ? "0 days" : String.join(" ", parts);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    static String duration(Duration d) {
        if (d.toDays() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
            return plural(d.toDays(), "day");
        }
        if (d.toHours() > 0 && d.toMinutesPart() == 0) {
            return plural(d.toHours(), "hour");
        }
        return plural(d.toMinutes(), "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** Escapes text for an HTML element or a quoted attribute. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
