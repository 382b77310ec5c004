package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.report.ReportRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reports: streamed through the platform's Reports, with everything they could refuse checked first. */
class ReportsTest {

    private final ApiHarness h = new ApiHarness();

    @Test
    void streamsTheReportInItsMediaType() {
        Answer answer = h.call(as("acme-auditor", "GET", "/reports/inventory").query("format", "csv"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(answer.header("Content-Disposition")).isEqualTo("attachment; filename=\"acme-inventory.csv\"");
        assertThat(answer.text()).isEqualTo("report inventory of acme as csv\n");
    }

    @Test
    void theReportIsWrittenOnlyWhenTheBodyIs() {
        HttpResponse response = h.api.apply(as("acme-auditor", "GET", "/reports/inventory").build());

        assertThat(h.reports.written).isEmpty();
        assertThat(response.status()).isEqualTo(200);
        response.bodyBytes();
        assertThat(h.reports.written).hasSize(1);
    }

    @Test
    void theFirstFormatIsTheDefault() {
        Answer answer = h.call(as("acme-auditor", "GET", "/reports/inventory"));

        assertThat(answer.text()).contains("as csv");
        assertThat(h.call(as("acme-auditor", "GET", "/reports/changes")).text()).contains("as json");
    }

    @Test
    void passesPeriodAndKeyFilters() {
        h.call(as("acme-auditor", "GET", "/reports/inventory").query("format", "cbom")
                .query("from", "2026-01-01T00:00:00Z").query("to", "2026-02-01T00:00:00Z")
                .query("provider", "aws").query("state", "active").query("q", "prod"));

        ReportRequest request = h.reports.written.get(0);
        assertThat(request.name()).isEqualTo("inventory");
        assertThat(request.format()).isEqualTo("cbom");
        assertThat(request.from()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(request.to()).contains(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(request.filter().provider()).contains(Provider.AWS);
        assertThat(request.filter().state()).contains(LifecycleState.ACTIVE);
        assertThat(request.filter().text()).contains("prod");
        assertThat(request.filter().owner()).isEqualTo(Optional.empty());
    }

    @Test
    void aCbomDownloadsAsCycloneDxJson() {
        Answer answer = h.call(as("acme-auditor", "GET", "/reports/inventory").query("format", "cbom"));

        assertThat(answer.response().contentType()).isEqualTo("application/vnd.cyclonedx+json");
        assertThat(answer.header("Content-Disposition")).endsWith(".cdx.json\"");
    }

    @Test
    void anUnknownReportIsAProblemNamingIt() {
        Answer answer = h.call(as("acme-auditor", "GET", "/reports/secrets")).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("name");
        assertThat(answer.detail()).contains("changes, inventory");
        assertThat(h.reports.written).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "unknown format, format, html, ,",
            "bad from, from, yesterday, ,",
            "bad to, to, 2026-13-01, ,",
            "to before from, to, 2026-01-01T00:00:00Z, from, 2026-02-01T00:00:00Z",
            "bad filter, state, ALIVE, ,"})
    void invalidParametersAreProblemsBeforeAnythingIsWritten(String why, String name, String value, String other,
                                                             String otherValue) {
        Req request = as("acme-auditor", "GET", "/reports/changes").query(name, value);
        if (other != null) {
            request.query(other, otherValue);
        }

        Answer answer = h.call(request).isProblem(400);

        assertThat(answer.errorFields()).containsExactly(name);
        assertThat(h.reports.written).isEmpty();
    }

    @Test
    void aFailureWhileStreamingCutsTheBodyShortAndShowsNoTrace() {
        h.reports.failWhileWriting = true;
        HttpResponse response = h.api.apply(as("acme-auditor", "GET", "/reports/inventory").build());

        assertThat(response.status()).isEqualTo(200);
        assertThatThrownBy(() -> response.body().writeTo(new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessageNotContaining("store went away");
    }
}
