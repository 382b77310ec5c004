package io.keyledger.functions.report;

import static io.keyledger.testkit.report.ReportFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.testkit.report.CsvParsing;
import io.keyledger.testkit.report.ReportFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class ReportServiceTest {

    private final ReportFixtures f = ReportFixtures.standard();
    private final ReportService reports = ReportService.of(f.services);

    private static ReportRequest request(String name, String format) {
        return new ReportRequest(name, format, Optional.empty(), Optional.empty(), AssetQuery.ALL);
    }

    private String write(ReportRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reports.write(TENANT, request, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void namesFormatsAndMediaTypes() {
        assertThat(reports.names()).containsExactly("inventory", "changes", "sweeps", "evidence", "pqc", "rotation");
        assertThat(reports.formats("inventory")).containsExactly("csv", "json", "cbom", "cbom-1.7");
        assertThat(reports.formats("evidence")).containsExactly("html", "json");
        assertThat(reports.formats("sweeps")).containsExactly("json", "csv");
        assertThat(reports.contentType("inventory", "cbom")).isEqualTo("application/vnd.cyclonedx+json; version=1.6");
        assertThat(reports.contentType("inventory", "cbom-1.7")).isEqualTo("application/vnd.cyclonedx+json; version=1.7");
        assertThat(reports.contentType("changes", "csv")).isEqualTo("text/csv; charset=utf-8");
        assertThat(reports.contentType("evidence", "html")).isEqualTo("text/html; charset=utf-8");
        assertThat(reports.contentType("pqc", "json")).isEqualTo("application/json");
        assertThat(reports.contentType("rotation", "")).isEqualTo("text/csv; charset=utf-8");
    }

    @Test
    void everyReportInEveryFormatIsWrittenAndParses() throws IOException {
        for (String name : reports.names()) {
            for (String format : reports.formats(name)) {
                String body = write(request(name, format));
                switch (format) {
                    case "csv" -> assertThat(CsvParsing.parse(body)).as(name).isNotEmpty();
                    case "json" -> assertThat(Json.mapper().readTree(body).get("report").asString()).isEqualTo(name);
                    case "cbom" -> assertThat(new JsonParser().validate(body, Version.VERSION_16)).isEmpty();
                    case "cbom-1.7" -> assertThat(CycloneDx17Schema.errors(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
                    case "html" -> assertThat(body).startsWith("<!DOCTYPE html>");
                    default -> throw new AssertionError(format);
                }
            }
        }
    }

    @Test
    void aBlankFormatIsTheDefaultAndNamesAreReadCaseInsensitively() throws IOException {
        assertThat(write(request("Evidence", " "))).startsWith("<!DOCTYPE html>");
        assertThat(write(request("SWEEPS", ""))).startsWith("{\"report\":\"sweeps\"");
    }

    @Test
    void periodAndFilterReachTheReports() throws IOException {
        String body = write(new ReportRequest("changes", "json", Optional.of(Instant.parse("2026-02-01T00:00:00Z")),
                Optional.of(Instant.parse("2026-03-01T00:00:00Z")), AssetQuery.ALL.withProvider(Provider.AZURE)));

        assertThat(Json.mapper().readTree(body).get("count").asLong()).isEqualTo(1);
        assertThat(CsvParsing.rows(write(new ReportRequest("pqc", "csv", Optional.empty(), Optional.empty(),
                AssetQuery.ALL.withAlgorithm("rsa-2048"))))).hasSize(1);
    }

    @Test
    void badRequestsAreRefusedNamingTheParameterBeforeAnythingIsWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Optional<Instant> jan = Optional.of(Instant.parse("2026-01-01T00:00:00Z"));
        Optional<Instant> feb = Optional.of(Instant.parse("2026-02-01T00:00:00Z"));

        assertThatThrownBy(() -> reports.write(TENANT, request("secrets", "csv"), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'name'").hasMessageContaining("secrets");
        assertThatThrownBy(() -> reports.write(TENANT, request("pqc", "cbom"), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'format'");
        assertThatThrownBy(() -> reports.write(TENANT, new ReportRequest("changes", "csv", feb, jan, AssetQuery.ALL), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from");
        assertThatThrownBy(() -> reports.write(TENANT, new ReportRequest("inventory", "csv", jan, Optional.empty(),
                AssetQuery.ALL), out)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'from'");
        assertThatThrownBy(() -> reports.write(TENANT, new ReportRequest("rotation", "csv", Optional.empty(), feb,
                AssetQuery.ALL), out)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'to'");
        assertThatThrownBy(() -> reports.write(TENANT, new ReportRequest("evidence", "html", Optional.empty(),
                Optional.empty(), AssetQuery.ALL.withOwner("x")), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'filter'");
        assertThatThrownBy(() -> reports.formats("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'name'");
        assertThatThrownBy(() -> reports.contentType("inventory", "xml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'format'");
        assertThat(out.size()).isZero();
    }

    @Test
    void theCallersStreamIsLeftOpen() throws IOException {
        for (String format : List.of("csv", "json", "cbom", "cbom-1.7")) {
            ClosingTracker out = new ClosingTracker();
            reports.write(TENANT, request("inventory", format), out);
            assertThat(out.closed).as(format).isFalse();
            assertThat(out.size()).isPositive();
        }
    }

    private static final class ClosingTracker extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
