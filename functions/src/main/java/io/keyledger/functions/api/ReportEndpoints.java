package io.keyledger.functions.api;

import io.keyledger.core.store.AssetQuery;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.report.ReportRequest;
import io.keyledger.functions.report.Reports;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Auditor reports, streamed: the body writes the report as the store is read. Everything a report
 * could refuse is checked before the status line goes out; a failure while writing can only cut the
 * stream short, so it is logged and the platform aborts the response.
 */
final class ReportEndpoints {

    static final Set<String> PARAMETERS = parameters();

    private static final System.Logger LOG = System.getLogger(ReportEndpoints.class.getName());

    private final Reports reports;

    ReportEndpoints(Reports reports) {
        this.reports = reports;
    }

    private static Set<String> parameters() {
        Set<String> names = new HashSet<>(KeyFilters.NAMES);
        names.addAll(List.of("format", "from", "to"));
        return Set.copyOf(names);
    }

    HttpResponse download(ApiCall call) {
        String name = call.pathParameter("name");
        List<String> names = reports.names();
        if (!names.contains(name)) {
            throw ApiProblem.invalid(FieldError.path("name", "unknown report '" + RequestBody.printable(name)
                    + "' (reports: " + String.join(", ", names) + ")"));
        }
        Checks checks = new Checks();
        List<String> formats = reports.formats(name);
        String format = call.query("format").orElse(formats.get(0));
        if (!formats.contains(format)) {
            checks.add(FieldError.query("format", "report '" + name + "' comes as " + String.join(", ", formats)));
        }
        Optional<Instant> from = checks.parse(call.query("from"), Params::instant, m -> FieldError.query("from", m));
        Optional<Instant> to = checks.parse(call.query("to"), Params::instant, m -> FieldError.query("to", m));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            checks.add(FieldError.query("to", "must be after 'from'"));
        }
        AssetQuery filter = KeyFilters.parse(call, checks);
        checks.done();
        ReportRequest request = new ReportRequest(name, format, from, to, filter);
        String tenant = call.tenant();
        Map<String, String> headers = ApiResponses.baseHeaders(reports.contentType(name, format));
        headers.put("Content-Disposition", "attachment; filename=\"" + tenant + "-" + name + "." + extension(format) + "\"");
        return new HttpResponse(200, headers, out -> {
            try {
                reports.write(tenant, request, out);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "report " + name + " (" + format + ") of tenant " + tenant
                        + " failed while streaming", e);
                throw new IOException("the report failed while streaming; the response is incomplete");
            }
        });
    }

    private static String extension(String format) {
        return switch (format) {
            case "cbom", "cbom-1.7" -> "cdx.json";
            default -> format.replaceAll("[^A-Za-z0-9]", "");
        };
    }
}
