package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.ACME_GCP;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.store.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Alerts: listed by status, page by page, and acknowledged by a custodian, in the ledger. */
class AlertsTest {

    private final ApiHarness h = new ApiHarness();

    private List<String> ids(Answer answer) {
        List<String> ids = new ArrayList<>();
        answer.json().path("items").forEach(a -> ids.add(a.path("id").asString()));
        return ids;
    }

    @Test
    void listsAlertsNewestFirstAndFiltersByStatus() {
        h.clock.advance(Duration.ofMinutes(5));
        String newer = h.raise(ACME, ACME_GCP, "newer");
        h.alerts.acknowledge(ACME, newer, "someone");

        Answer all = h.call(as("acme-auditor", "GET", "/alerts"));
        Answer open = h.call(as("acme-auditor", "GET", "/alerts").query("status", "open"));
        Answer acknowledged = h.call(as("acme-auditor", "GET", "/alerts").query("status", "ACKNOWLEDGED"));

        assertThat(ids(all)).containsExactly(newer, h.acmeAlert);
        assertThat(ids(open)).containsExactly(h.acmeAlert);
        assertThat(ids(acknowledged)).containsExactly(newer);
        assertThat(all.json().path("items").get(1).path("rule").asString()).isEqualTo("premature-destruction");
        assertThat(all.json().path("items").get(1).path("severity").asString()).isEqualTo("HIGH");
    }

    @Test
    void pagesThroughAlerts() {
        h.clock.advance(Duration.ofMinutes(5));
        String newer = h.raise(ACME, ACME_GCP, "newer");

        Answer first = h.call(as("acme-auditor", "GET", "/alerts").query("limit", "1"));
        Answer second = h.call(as("acme-auditor", "GET", "/alerts").query("limit", "1")
                .query("cursor", first.json().path("nextCursor").asString()));

        assertThat(ids(first)).containsExactly(newer);
        assertThat(ids(second)).containsExactly(h.acmeAlert);
        assertThat(second.json().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void aBadStatusIsAProblemNamingIt() {
        Answer answer = h.call(as("acme-auditor", "GET", "/alerts").query("status", "closed")).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("status");
    }

    @Test
    void acknowledgesAsTheCallerInTheLedger() {
        Answer answer = h.call(as("acme-custodian", "POST", "/alerts/" + h.acmeAlert + "/acknowledge"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(answer.json().path("acknowledgedBy").asString()).isEqualTo("acme-custodian");
        assertThat(answer.json().path("acknowledgedAt").asString()).isEqualTo(h.clock.instant().toString());
        assertThat(h.store.alert(ACME, h.acmeAlert).orElseThrow().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(h.store.ledger(ACME, 1, Optional.empty(), false, PageRequest.first(1000)).items())
                .anyMatch(r -> r.type() == LedgerEntryType.ALERT_ACKNOWLEDGED && r.payload().contains("acme-custodian"));
    }

    @Test
    void aRetriedAcknowledgementIsAnsweredAlike() {
        h.call(as("acme-custodian", "POST", "/alerts/" + h.acmeAlert + "/acknowledge"));
        long records = h.store.ledgerHead(ACME).sequence();

        Answer again = h.call(as("acme-custodian", "POST", "/alerts/" + h.acmeAlert + "/acknowledge"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("acknowledgedBy").asString()).isEqualTo("acme-custodian");
        assertThat(h.store.ledgerHead(ACME).sequence()).isEqualTo(records);
    }

    @Test
    void anAlertSomeoneElseAcknowledgedIsAConflict() {
        h.call(as("acme-custodian", "POST", "/alerts/" + h.acmeAlert + "/acknowledge"));

        Answer answer = h.call(as("acme-admin", "POST", "/alerts/" + h.acmeAlert + "/acknowledge")).isProblem(409);

        assertThat(answer.detail()).contains("already acknowledged by acme-custodian");
    }

    @Test
    void anUnknownAlertIsNotFound() {
        h.call(as("acme-custodian", "POST", "/alerts/al-00000000000000000000/acknowledge")).isProblem(404);
    }

    @Test
    void aBadAlertIdIsAProblemNamingIt() {
        Answer answer = h.call(as("acme-custodian", "POST", "/alerts/al%20x/acknowledge")).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("id");
    }

    @Test
    void anAcknowledgementTakesNoFields() {
        Answer empty = h.call(as("acme-custodian", "POST", "/alerts/" + h.acmeAlert + "/acknowledge").json("{}"));
        assertThat(empty.status()).isEqualTo(200);

        Answer answer = h.call(as("acme-custodian", "POST", "/alerts/" + h.acmeAlert + "/acknowledge")
                .json("{\"note\":\"seen\"}")).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("note");
    }
}
