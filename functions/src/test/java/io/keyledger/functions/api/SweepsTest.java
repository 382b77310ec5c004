package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.ACME_AWS;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.PageRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sweeps: started through the platform's launcher (202), their reports listed and read. */
class SweepsTest {

    private final ApiHarness h = new ApiHarness();

    @Test
    void startingASweepAsksTheLauncherAndAnswersAccepted() {
        Answer answer = h.call(as("acme-admin", "POST", "/sweeps"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.header("Location")).isEqualTo("/sweeps/sweep-1");
        assertThat(answer.json().path("sweepId").asString()).isEqualTo("sweep-1");
        assertThat(answer.json().path("tenant").asString()).isEqualTo(ACME);
        assertThat(answer.json().path("requestedBy").asString()).isEqualTo("acme-admin");
        assertThat(h.sweeps.started).containsExactly(new FakeSweepLauncher.Started(ACME, "acme-admin", "sweep-1"));
    }

    @Test
    void aSweepStartedThroughTheApiIsLedgeredWithTheCaller() {
        h.call(as("acme-admin", "POST", "/sweeps"));

        List<LedgerRecord> requested = h.store.ledger(ACME, 1, Optional.empty(), false, PageRequest.first(1000)).items()
                .stream().filter(r -> r.type() == LedgerEntryType.SWEEP_REQUESTED).toList();
        assertThat(requested).singleElement().satisfies(r ->
                assertThat(r.payload()).contains("\"sweepId\":\"sweep-1\"").contains("\"requestedBy\":\"acme-admin\""));
        assertThat(new LedgerVerifier(h.store).verify(ACME).intact()).isTrue();
    }

    @Test
    void aSweepThatCannotStartLeavesNoLedgerRecord() {
        h.sweeps.busy = true;
        h.call(as("acme-admin", "POST", "/sweeps"));

        assertThat(h.store.ledger(ACME, 1, Optional.empty(), false, PageRequest.first(1000)).items())
                .noneMatch(r -> r.type() == LedgerEntryType.SWEEP_REQUESTED);
    }

    @Test
    void aSweepThatCannotStartIsAConflictWithTheLaunchersReason() {
        h.sweeps.busy = true;

        Answer answer = h.call(as("acme-admin", "POST", "/sweeps")).isProblem(409);

        assertThat(answer.detail()).isEqualTo("a sweep of tenant acme is still running");
    }

    @Test
    void listsReportsWithoutTheirKeys() {
        Answer answer = h.call(as("acme-auditor", "GET", "/sweeps"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode report = answer.json().path("items").get(0);
        assertThat(answer.json().path("items")).hasSize(1);
        assertThat(report.path("sweepId").asString()).isEqualTo("sweep-acme-1");
        assertThat(report.path("scope").asString()).isEqualTo("aws:111122223333:us-east-1");
        assertThat(report.path("counts").path("confirmed").asInt()).isEqualTo(1);
        assertThat(report.has("keys")).isFalse();
    }

    @Test
    void oneSweepWithItsKeys() {
        Answer answer = h.call(as("acme-auditor", "GET", "/sweeps/sweep-acme-1"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("sweepId").asString()).isEqualTo("sweep-acme-1");
        JsonNode keys = answer.json().path("reports").get(0).path("keys");
        assertThat(keys.get(0).path("id").asString()).isEqualTo(ACME_AWS.id());
        assertThat(keys.get(0).path("class").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void aSweepWithoutReportsYetIsNotFound() {
        h.call(as("acme-admin", "POST", "/sweeps"));

        Answer answer = h.call(as("acme-auditor", "GET", "/sweeps/sweep-1")).isProblem(404);

        assertThat(answer.detail()).contains("sweep-1");
    }

    @Test
    void aBadSweepIdIsAProblemNamingIt() {
        Answer answer = h.call(as("acme-auditor", "GET", "/sweeps/" + "s".repeat(129))).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("id");
    }
}
