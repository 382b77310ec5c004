package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.ACME_AWS;
import static io.keyledger.functions.api.ApiHarness.ACME_AZURE;
import static io.keyledger.functions.api.ApiHarness.ACME_GCP;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Key stores as inventory items, owners and responsible parties through the API. */
class KeyStoresAndOwnersTest {

    private final ApiHarness h = new ApiHarness();

    @Test
    void theTenantsKeyStoresAreListedAndOneShowsTheKeysItHolds() {
        Answer list = h.call(as("acme-viewer", "GET", "/key-stores"));

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).singleElement().satisfies(s -> {
            assertThat(s.path("id").asString()).isEqualTo(ApiHarness.keyStoreOf(ACME_AWS));
            assertThat(s.path("kind").asString()).isEqualTo("AWS_CLOUDHSM");
            assertThat(s.path("partiallyObserved").asBoolean()).isTrue();
        });

        Answer one = h.call(as("acme-viewer", "GET", "/key-stores/" + Req.encode(ApiHarness.keyStoreOf(ACME_AWS))));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("keys")).extracting(JsonNode::asString).containsExactly(ACME_AWS.id());

        assertThat(h.call(as("acme-viewer", "GET", "/key-stores/" + Req.encode("aws:111122223333:us-east-1:cks-none")))
                .status()).isEqualTo(404);
        assertThat(h.call(as("acme-viewer", "GET", "/key-stores/not%20an%20id")).status()).isEqualTo(400);
    }

    @Test
    void aKeysOwnerAndPartyShowWhereTheyComeFrom() {
        JsonNode gcp = h.call(as("acme-viewer", "GET", Req.keyPath(ACME_GCP, ""))).json();
        // No owner declared or tagged: the creator, inferred.
        assertThat(gcp.path("ownerBasis").asString()).isEqualTo("CREATOR");
        assertThat(gcp.path("ownerInferred").asBoolean()).isTrue();

        JsonNode aws = h.call(as("acme-viewer", "GET", Req.keyPath(ACME_AWS, ""))).json();
        assertThat(aws.path("ownerBasis").asString()).isEqualTo("DECLARED");
        assertThat(aws.path("responsibilityBasis").asString()).isEqualTo("OVERRIDE");
    }

    @Test
    void aKeysHistorySaysWhatItsUsesProtect() {
        h.apply(ACME, io.keyledger.testkit.Fixtures.event("e-gcp-use", ApiHarness.T0.minusSeconds(3600),
                io.keyledger.core.event.Action.USE, ACME_GCP, java.util.Map.of(
                        "usage.service", "bigquery.googleapis.com",
                        "usage.resource", "//bigquery.googleapis.com/projects/acme-project/datasets/payments")));

        Answer history = h.call(as("acme-auditor", "GET", Req.keyPath(ACME_GCP, "/history")));

        assertThat(history.status()).isEqualTo(200);
        // Uses are aggregated, not listed: the items are the key's events, the use adds to what it protects.
        assertThat(history.json().path("items")).extracting(e -> e.path("action").asString()).containsExactly("CREATE");
        assertThat(history.json().path("protects")).extracting(JsonNode::asString)
                .containsExactly("//bigquery.googleapis.com/projects/acme-project/datasets/payments");
        assertThat(history.json().path("protectedResources").asInt()).isEqualTo(1);
    }

    @Test
    void aPartySetForAKeyOverridesTheRulesAndNullGivesItBack() {
        Answer set = h.call(as("acme-custodian", "POST", Req.keyPath(ACME_AZURE, "/annotations"))
                .json("{\"responsibilityParty\":\"shared\",\"responsibilityMode\":\"operated with the MSP\"}"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("key").path("responsibilityParty").asString()).isEqualTo("SHARED");
        assertThat(set.json().path("key").path("responsibilityBasis").asString()).isEqualTo("OVERRIDE");

        Answer cleared = h.call(as("acme-custodian", "POST", Req.keyPath(ACME_AZURE, "/annotations"))
                .json("{\"responsibilityParty\":null}"));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("key").path("responsibilityBasis").asString()).isNotEqualTo("OVERRIDE");

        Answer byOwner = h.call(as("acme-viewer", "GET", "/keys").query("owner", "team-orders"));
        assertThat(byOwner.json().path("items")).extracting(k -> k.path("id").asString()).containsExactly(ACME_AZURE.id());
        assertThat(ACME).isEqualTo("acme");
    }
}
