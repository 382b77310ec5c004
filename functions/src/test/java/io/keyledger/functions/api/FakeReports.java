package io.keyledger.functions.api;

import io.keyledger.functions.report.ReportRequest;
import io.keyledger.functions.report.Reports;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Two reports that write a line describing what they were asked; or fail while writing, when told to. */
final class FakeReports implements Reports {

    private static final Map<String, List<String>> FORMATS = Map.of(
            "inventory", List.of("csv", "json", "cbom"),
            "changes", List.of("json"));

    final List<ReportRequest> written = new CopyOnWriteArrayList<>();
    volatile boolean failWhileWriting;

    @Override
    public List<String> names() {
        return List.of("changes", "inventory");
    }

    @Override
    public List<String> formats(String name) {
        List<String> formats = FORMATS.get(name);
        if (formats == null) {
            throw new IllegalArgumentException("unknown report '" + name + "'");
        }
        return formats;
    }

    @Override
    public String contentType(String name, String format) {
        return switch (format) {
            case "csv" -> "text/csv; charset=utf-8";
            case "cbom" -> "application/vnd.cyclonedx+json";
            default -> "application/json";
        };
    }

    @Override
    public void write(String tenant, ReportRequest request, OutputStream out) throws IOException {
        written.add(request);
        out.write(("report " + request.name() + " of " + tenant + " as " + request.format() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        if (failWhileWriting) {
            throw new IllegalStateException("store went away at row 2");
        }
    }
}
