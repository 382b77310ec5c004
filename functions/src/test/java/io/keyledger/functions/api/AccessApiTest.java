package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who holds which role, the refused requests and the access reviews (CEK-21.5), through the API. */
class AccessApiTest {

    private final ApiHarness h = new ApiHarness();

    private JsonNode access() {
        Answer answer = h.call(as("acme-auditor", "GET", "/access"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void listsTheConfiguredGrantsAsNotYetReviewed() {
        JsonNode a = access();

        assertThat(a.path("tenant").asString()).isEqualTo(ACME);
        assertThat(a.path("grants").findValuesAsString("principal")).containsExactly(
                "IAM arn:aws:iam::111122223333:role/KeyAdmin", "email audit@acme.example");
        assertThat(a.path("grants").findValuesAsString("role")).containsExactly("admin", "auditor");
        assertThat(a.path("grants").findValuesAsString("source")).containsOnly("principal-mapping");
        assertThat(a.path("notReviewed")).hasSize(2);
        assertThat(a.path("lastReview").isNull()).isTrue();
        assertThat(a.path("requestsRefused").asLong()).isZero();
    }

    @Test
    void refusedRequestsAreCountedInTheTenantTheyAimedAt() {
        assertThat(h.call(as("acme-viewer", "POST", "/legal-holds").json("{\"scope\":\"tenant\",\"reason\":\"x\"}"))
                .status()).isEqualTo(403);
        assertThat(h.call(as("acme-viewer", "POST", "/legal-holds").json("{\"scope\":\"tenant\",\"reason\":\"x\"}"))
                .status()).isEqualTo(403);
        assertThat(h.call(as("gamma-admin", "GET", "/keys").tenant(ACME)).status()).isEqualTo(404);
        assertThat(h.call(as("gamma-admin", "GET", "/keys").tenant("ghost")).status()).isEqualTo(404);
        JsonNode withinTheMinute = access();
        // The repeat within the minute is written with the next request after it.
        h.clock.advance(Duration.ofMinutes(2));

        JsonNode a = access();

        assertThat(withinTheMinute.path("requestsRefused").asLong()).isEqualTo(2);
        assertThat(a.path("requestsRefused").asLong()).isEqualTo(3);
        assertThat(a.path("refusedByOperation").path("MANAGE_LEGAL_HOLDS").asLong()).isEqualTo(2);
        assertThat(a.path("refusedByOperation").path("READ_INVENTORY").asLong()).isEqualTo(1);
        // Naming a tenant that does not exist leaves nothing behind.
        assertThat(h.store.ledgerHead("ghost").sequence()).isZero();
    }

    @Test
    void anAdminRecordsAReviewOfEveryCurrentGrant() {
        Answer review = h.call(as("acme-admin", "POST", "/access/reviews").json("{\"note\":\"Q1: mapping checked\"}"));

        assertThat(review.status()).as(review.text()).isEqualTo(201);
        assertThat(review.json().path("reviewedBy").asString()).isEqualTo("acme-admin");
        assertThat(review.json().path("grantsReviewed")).hasSize(2);
        h.clock.advance(Duration.ofMinutes(1));
        JsonNode a = access();
        assertThat(a.path("notReviewed")).isEmpty();
        assertThat(a.path("reviews").asLong()).isEqualTo(1);
        assertThat(a.path("lastReview").path("by").asString()).isEqualTo("acme-admin");
        assertThat(a.path("lastReview").path("note").asString()).isEqualTo("Q1: mapping checked");
        assertThat(a.path("lastReview").path("grantsReviewed").asInt()).isEqualTo(2);
    }

    @Test
    void aReviewNeedsNoBodyAndRefusesUnknownFieldsAndLongNotes() {
        assertThat(h.call(as("acme-admin", "POST", "/access/reviews")).status()).isEqualTo(201);
        h.call(as("acme-admin", "POST", "/access/reviews").json("{\"approved\":true}")).isProblem(400);
        Answer tooLong = h.call(as("acme-admin", "POST", "/access/reviews").json("{\"note\":\"" + "x".repeat(1001) + "\"}"));
        tooLong.isProblem(400);
        assertThat(tooLong.text()).contains("note");
    }
}
