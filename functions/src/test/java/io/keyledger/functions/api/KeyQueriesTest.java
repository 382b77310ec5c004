package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.ACME_AWS;
import static io.keyledger.functions.api.ApiHarness.ACME_AZURE;
import static io.keyledger.functions.api.ApiHarness.ACME_GCP;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.core.key.KeyRef;
import io.keyledger.testkit.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** GET /keys with its filters and pages, one key, its history and its ledger records. */
class KeyQueriesTest {

    private final ApiHarness h = new ApiHarness();

    private List<String> ids(Answer answer) {
        List<String> ids = new ArrayList<>();
        answer.json().path("items").forEach(k -> ids.add(k.path("id").asString()));
        return ids;
    }

    private Answer keys(String... query) {
        Req request = as("acme-viewer", "GET", "/keys");
        for (int i = 0; i < query.length; i += 2) {
            request.query(query[i], query[i + 1]);
        }
        return h.call(request);
    }

    @Test
    void listsTheTenantsKeysInIdOrderAsJson() {
        Answer answer = keys();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().contentType()).isEqualTo("application/json");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(ids(answer)).containsExactly(ACME_AWS.id(), ACME_AZURE.id(), ACME_GCP.id());
        assertThat(answer.json().path("nextCursor").isNull()).isTrue();
        JsonNode aws = answer.json().path("items").get(0);
        assertThat(aws.path("tenant").asString()).isEqualTo(ACME);
        assertThat(aws.path("provider").asString()).isEqualTo("aws");
        assertThat(aws.path("state").asString()).isEqualTo("ACTIVE");
        assertThat(aws.path("algorithm").asString()).isEqualTo("AES-256");
        assertThat(aws.path("owner").asString()).isEqualTo("team-payments");
        assertThat(aws.path("tags").path("env").asString()).isEqualTo("prod");
        assertThat(aws.path("description").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "provider, gcp, gcp",
            "provider, google, gcp",
            "account, 111122223333, aws",
            "state, suspended, azure",
            "state, SUSPENDED, azure",
            "owner, team-orders, azure",
            "algorithm, ec-p256, gcp",
            "aiUsage, true, gcp",
            "responsibility, customer, aws",
            "q, PROD, aws",
            "q, payments, aws+gcp"})
    void filters(String name, String value, String providers) {
        List<String> expected = new ArrayList<>();
        for (String p : providers.split("\\+")) {
            expected.add(switch (p) {
                case "aws" -> ACME_AWS.id();
                case "azure" -> ACME_AZURE.id();
                default -> ACME_GCP.id();
            });
        }
        assertThat(ids(keys(name, value))).containsExactlyElementsOf(expected);
    }

    @Test
    void filtersCombine() {
        assertThat(ids(keys("provider", "aws", "state", "active", "aiUsage", "false"))).containsExactly(ACME_AWS.id());
        assertThat(ids(keys("provider", "aws", "state", "destroyed"))).isEmpty();
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        List<String> seen = new ArrayList<>();
        Answer page = keys("limit", "1");
        int pages = 1;
        seen.addAll(ids(page));
        while (!page.json().path("nextCursor").isNull()) {
            page = keys("limit", "1", "cursor", page.json().path("nextCursor").asString());
            seen.addAll(ids(page));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(ACME_AWS.id(), ACME_AZURE.id(), ACME_GCP.id());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "limit, 0",
            "limit, 1001",
            "limit, ten",
            "limit, -5",
            "cursor, not*a*cursor",
            "cursor, ''",
            "provider, oracle",
            "state, ALIVE",
            "aiUsage, maybe",
            "responsibility, nobody"})
    void invalidParametersAreProblemsNamingThem(String name, String value) {
        Answer answer = keys(name, value).isProblem(400);

        assertThat(answer.errorFields()).containsExactly(name);
        assertThat(answer.json().path("errors").get(0).path("in").asString()).isEqualTo("query");
        assertThat(answer.detail()).contains("'" + name + "'");
    }

    @Test
    void everyInvalidParameterIsNamedAtOnce() {
        Answer answer = keys("limit", "0", "state", "ALIVE", "provider", "oracle").isProblem(400);

        assertThat(answer.errorFields()).containsExactlyInAnyOrder("limit", "state", "provider");
        assertThat(answer.detail()).startsWith("3 invalid fields");
    }

    @Test
    void aMaximalPageIsAllowed() {
        assertThat(keys("limit", "1000").status()).isEqualTo(200);
    }

    @Test
    void aCursorTheStoreCannotReadIsAProblemNamingIt() {
        Answer answer = h.call(as("acme-auditor", "GET", Req.keyPath(ACME_AWS, "/ledger")).query("cursor", "bm90LWEtbnVtYmVy"))
                .isProblem(400);

        assertThat(answer.errorFields()).containsExactly("cursor");
    }

    @Test
    void oneKeyByItsUrlEncodedId() {
        for (KeyRef key : List.of(ACME_AWS, ACME_GCP, ACME_AZURE)) {
            Answer answer = h.call(as("acme-viewer", "GET", Req.keyPath(key, "")));

            assertThat(answer.status()).as(key.id()).isEqualTo(200);
            assertThat(answer.json().path("id").asString()).isEqualTo(key.id());
            assertThat(answer.json().path("nativeId").asString()).isEqualTo(key.nativeId());
        }
    }

    @Test
    void anIdWhoseSlashesAreNotEncodedIsNoPath() {
        h.call(as("acme-viewer", "GET", "/keys/" + ACME_GCP.id())).isProblem(404);
    }

    @Test
    void aKeyIdWithAPlusSignKeepsIt() {
        KeyRef plus = Fixtures.awsKey("111122223333", "odd+key");
        h.apply(ACME, Fixtures.event("e-plus", ApiHarness.T0, Action.CREATE, plus));

        Answer raw = h.call(as("acme-viewer", "GET", "/keys/" + plus.id().replace(":", "%3A").replace("/", "%2F")));
        Answer encoded = h.call(as("acme-viewer", "GET", Req.keyPath(plus, "")));

        assertThat(raw.json().path("id").asString()).isEqualTo(plus.id());
        assertThat(encoded.json().path("id").asString()).isEqualTo(plus.id());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "no provider, arn%3Aaws%3Akms%3Aus-east-1%3A111122223333%3Akey%2Fabc",
            "unknown provider, oracle%3Akey",
            "space, aws%3Aarn%20x",
            "control character, aws%3Aarn%0Ax",
            "nothing after the provider, aws%3A"})
    void badKeyIdsAreProblemsNamingTheId(String why, String encoded) {
        Answer answer = h.call(as("acme-viewer", "GET", "/keys/" + encoded)).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("id");
        assertThat(answer.detail()).contains("key id");
    }

    @Test
    void anOverlongKeyIdIsAProblemThatDoesNotEchoIt() {
        String id = "aws:" + "k".repeat(Params.MAX_KEY_ID_LENGTH);
        Answer answer = h.call(as("acme-viewer", "GET", "/keys/" + Req.encode(id))).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("id");
        assertThat(answer.detail()).doesNotContain("kkkkkkkkkk");
    }

    @Test
    void badPercentEncodingIsAProblem() {
        Answer answer = h.call(as("acme-viewer", "GET", "/keys/aws%3Aarn%ZZ")).isProblem(400);
        assertThat(answer.detail()).contains("percent-encoding");
        h.call(as("acme-viewer", "GET", "/keys/aws%3A%C3%28")).isProblem(400);
    }

    @Test
    void anUnknownKeyIsNotFound() {
        Answer answer = h.call(as("acme-viewer", "GET", Req.keyPath(Fixtures.awsKey("111122223333", "nope"), "")))
                .isProblem(404);
        assertThat(answer.detail()).contains("no key").contains("tenant 'acme'");
    }

    @Test
    void historyShowsEachEventWithStatesBeforeAndAfter() {
        Answer answer = h.call(as("acme-auditor", "GET", Req.keyPath(ACME_AZURE, "/history")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("keyId").asString()).isEqualTo(ACME_AZURE.id());
        JsonNode items = answer.json().path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("action").asString()).isEqualTo("CREATE");
        assertThat(items.get(0).path("stateBefore").isNull()).isTrue();
        assertThat(items.get(1).path("action").asString()).isEqualTo("DISABLE");
        assertThat(items.get(1).path("stateBefore").asString()).isEqualTo("ACTIVE");
        assertThat(items.get(1).path("stateAfter").asString()).isEqualTo("SUSPENDED");
        assertThat(items.get(1).path("actor").asString()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(items.get(1).path("source").path("kind").asString()).isEqualTo("test");
    }

    @Test
    void historyOfAnUnknownKeyIsNotFound() {
        h.call(as("acme-auditor", "GET", Req.keyPath(Fixtures.awsKey("111122223333", "nope"), "/history")))
                .isProblem(404);
    }

    @Test
    void ledgerListsTheKeysRecordsInSequenceOrderPageByPage() {
        Answer first = h.call(as("acme-auditor", "GET", Req.keyPath(ACME_AZURE, "/ledger")).query("limit", "2"));

        assertThat(first.status()).isEqualTo(200);
        JsonNode items = first.json().path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("type").asString()).isEqualTo("EVENT_ACCEPTED");
        assertThat(items.get(0).path("keyId").asString()).isEqualTo(ACME_AZURE.id());
        assertThat(items.get(0).path("hash").asString()).hasSize(64);
        assertThat(items.get(0).path("payload").asString()).contains("e-az-1");
        assertThat(items.get(1).path("sequence").asLong()).isGreaterThan(items.get(0).path("sequence").asLong());

        List<String> types = new ArrayList<>();
        Answer page = first;
        while (true) {
            page.json().path("items").forEach(r -> types.add(r.path("type").asString()));
            if (page.json().path("nextCursor").isNull()) {
                break;
            }
            page = h.call(as("acme-auditor", "GET", Req.keyPath(ACME_AZURE, "/ledger")).query("limit", "2")
                    .query("cursor", page.json().path("nextCursor").asString()));
        }
        // two events and their record changes, then the legal hold on the key
        assertThat(types).containsExactly("EVENT_ACCEPTED", "ASSET_CHANGED", "EVENT_ACCEPTED", "ASSET_CHANGED",
                "LEGAL_HOLD_PLACED");
    }

    @Test
    void ledgerOfAnUnknownKeyIsNotFound() {
        h.call(as("acme-auditor", "GET", Req.keyPath(Fixtures.awsKey("111122223333", "nope"), "/ledger")))
                .isProblem(404);
    }

    @Test
    void keysOfAnotherTenantAreNeverListed() {
        h.apply("default", Fixtures.event("e-other", Instant.parse("2026-02-01T00:00:00Z"), Action.CREATE,
                Fixtures.awsKey("999999999999", "elsewhere"), Map.of()));

        assertThat(ids(keys())).containsExactly(ACME_AWS.id(), ACME_AZURE.id(), ACME_GCP.id());
    }
}
