package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.ACME_AWS;
import static io.keyledger.functions.api.ApiHarness.ACME_AZURE;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Legal holds on a tenant or one key: listed, placed and lifted, each change ledgered with the caller. */
class LegalHoldsTest {

    private final ApiHarness h = new ApiHarness();

    private Answer place(String json) {
        return h.call(as("acme-admin", "POST", "/legal-holds").json(json));
    }

    private List<LedgerRecord> ledger(LedgerEntryType type) {
        return h.store.ledger(ACME, 1, Optional.empty(), false, PageRequest.first(1000)).items().stream()
                .filter(r -> r.type() == type).toList();
    }

    @Test
    void listsTheHoldsStanding() {
        Answer answer = h.call(as("acme-auditor", "GET", "/legal-holds"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode items = answer.json().path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("scope").asString()).isEqualTo("key");
        assertThat(items.get(0).path("keyId").asString()).isEqualTo(ACME_AZURE.id());
        assertThat(items.get(0).path("reason").asString()).isEqualTo("matter 2026-1");
        assertThat(items.get(0).path("placedBy").asString()).isEqualTo("legal@acme");
        assertThat(answer.json().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void placesATenantHoldAsTheCaller() {
        Answer answer = place("{\"scope\":\"tenant\",\"reason\":\"litigation 2026-14\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("scope").asString()).isEqualTo("tenant");
        assertThat(answer.json().path("keyId").isNull()).isTrue();
        assertThat(answer.json().path("placedBy").asString()).isEqualTo("acme-admin");
        assertThat(h.store.legalHolds(ACME)).extracting(LegalHold::keyId).contains(Optional.empty());
        assertThat(ledger(LedgerEntryType.LEGAL_HOLD_PLACED)).anyMatch(r -> r.payload().contains("acme-admin")
                && r.payload().contains("litigation 2026-14"));
        JsonNode list = h.call(as("acme-auditor", "GET", "/legal-holds")).json().path("items");
        assertThat(list.get(0).path("scope").asString()).isEqualTo("tenant");
    }

    @Test
    void placesAKeyHold() {
        Answer answer = place("{\"scope\":\"key\",\"keyId\":\"" + ACME_AWS.id() + "\",\"reason\":\"matter 9\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("keyId").asString()).isEqualTo(ACME_AWS.id());
        assertThat(h.store.legalHolds(ACME)).extracting(LegalHold::keyId).contains(Optional.of(ACME_AWS.id()));
    }

    @Test
    void theSameHoldPlacedAgainChangesNothing() {
        String json = "{\"scope\":\"key\",\"keyId\":\"" + ACME_AWS.id() + "\",\"reason\":\"matter 9\"}";
        place(json);
        int placed = ledger(LedgerEntryType.LEGAL_HOLD_PLACED).size();

        Answer again = place(json);

        assertThat(again.status()).isEqualTo(200);
        assertThat(ledger(LedgerEntryType.LEGAL_HOLD_PLACED)).hasSize(placed);
    }

    @Test
    void anotherReasonReplacesTheHoldOnTheScope() {
        Answer answer = place("{\"scope\":\"key\",\"keyId\":\"" + ACME_AZURE.id() + "\",\"reason\":\"matter 10\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(h.store.legalHolds(ACME)).singleElement().extracting(LegalHold::reason).isEqualTo("matter 10");
    }

    /** Regression (issue 13): a key the inventory does not list could not be held, and its late events expired. */
    @Test
    void aHoldOnAKeyTheInventoryDoesNotListIsPlacedAndSaysSo() {
        String unlisted = Fixtures.awsKey("111122223333", "destroyed-long-ago").id();

        Answer answer = place("{\"scope\":\"key\",\"keyId\":\"" + unlisted + "\",\"reason\":\"m\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("keyListed").asBoolean()).isFalse();
        assertThat(h.store.legalHolds(ACME)).extracting(h -> h.keyId().orElse("")).contains(unlisted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no scope | {\"reason\":\"m\"} | scope",
            "bad scope | {\"scope\":\"vault\",\"reason\":\"m\"} | scope",
            "key scope without key | {\"scope\":\"key\",\"reason\":\"m\"} | keyId",
            "tenant scope with key | {\"scope\":\"tenant\",\"keyId\":\"aws:x\",\"reason\":\"m\"} | keyId",
            "bad key id | {\"scope\":\"key\",\"keyId\":\"no-provider\",\"reason\":\"m\"} | keyId",
            "no reason | {\"scope\":\"tenant\"} | reason",
            "blank reason | {\"scope\":\"tenant\",\"reason\":\" \"} | reason"})
    void invalidHoldsAreProblemsNamingTheField(String why, String json, String field) {
        Answer answer = place(json).isProblem(400);

        assertThat(answer.errorFields()).contains(field);
    }

    @Test
    void liftsAKeyHold() {
        Answer answer = h.call(as("acme-admin", "DELETE", "/legal-holds").query("scope", "key")
                .query("keyId", ACME_AZURE.id()));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.text()).isEmpty();
        assertThat(h.store.legalHolds(ACME)).isEmpty();
        assertThat(ledger(LedgerEntryType.LEGAL_HOLD_LIFTED)).singleElement()
                .satisfies(r -> assertThat(r.payload()).contains("acme-admin"));
    }

    @Test
    void liftingAHoldThatDoesNotStandIsNotFound() {
        Answer answer = h.call(as("acme-admin", "DELETE", "/legal-holds").query("scope", "tenant")).isProblem(404);

        assertThat(answer.detail()).contains("no legal hold on the tenant");
        assertThat(ledger(LedgerEntryType.LEGAL_HOLD_LIFTED)).isEmpty();
    }

    @Test
    void liftingNeedsAnExplicitScope() {
        Answer answer = h.call(as("acme-admin", "DELETE", "/legal-holds")).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("scope");
        assertThat(h.store.legalHolds(ACME)).hasSize(1);
    }

    @Test
    void liftingAKeyHoldNeedsTheKey() {
        Answer answer = h.call(as("acme-admin", "DELETE", "/legal-holds").query("scope", "key")).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("keyId");
        assertThat(answer.json().path("errors").get(0).path("in").asString()).isEqualTo("query");
    }
}
