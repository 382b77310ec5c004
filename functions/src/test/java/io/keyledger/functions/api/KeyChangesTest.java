package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.ACME_AWS;
import static io.keyledger.functions.api.ApiHarness.ACME_GCP;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.alert.Rule;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Annotations and declared compromises: ledgered key events whose actor is the caller. */
class KeyChangesTest {

    private final ApiHarness h = new ApiHarness();
    private final String annotations = Req.keyPath(ACME_AWS, "/annotations");
    private final String compromise = Req.keyPath(ACME_AWS, "/compromise");

    private Answer annotate(String json) {
        return h.call(as("acme-custodian", "POST", annotations).json(json));
    }

    private CryptoAsset key() {
        return h.store.asset(ACME, ACME_AWS.id()).orElseThrow().value();
    }

    private List<StoredEvent> events(Action action) {
        return h.store.eventsForKey(ACME, ACME_AWS.id()).stream().filter(e -> e.event().action() == action).toList();
    }

    @Test
    void anAnnotationSetsTheKeysAttributes() {
        Answer answer = annotate("""
                {"owner": "team-risk", "usageServices": ["s3.amazonaws.com"], "aiServices": ["bedrock.amazonaws.com"],
                 "aiCategories": ["training-data", "VECTOR_STORE"], "responsibilityParty": "shared",
                 "responsibilityMode": "BYOK", "classification": "confidential", "jurisdiction": "EU",
                 "retentionClass": "financial-10y", "changeReference": "CHG-1234"}""");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("applied").asBoolean()).isTrue();
        assertThat(answer.json().path("eventId").asString()).isEqualTo("api-test-1");
        JsonNode view = answer.json().path("key");
        assertThat(view.path("owner").asString()).isEqualTo("team-risk");
        assertThat(view.path("aiUsage").asBoolean()).isTrue();
        CryptoAsset key = key();
        assertThat(key.owner()).contains("team-risk");
        assertThat(key.usageContext().services()).contains("s3.amazonaws.com", "bedrock.amazonaws.com");
        assertThat(key.usageContext().aiServices()).containsExactly("bedrock.amazonaws.com");
        assertThat(key.usageContext().aiCategories()).hasSize(2);
        assertThat(key.responsibility().party()).isEqualTo(ResponsibilityParty.SHARED);
        assertThat(key.responsibility().mode()).contains("BYOK");
        assertThat(key.regulatory().classification()).contains("confidential");
        assertThat(key.regulatory().jurisdiction()).contains("EU");
        assertThat(key.regulatory().retentionClass()).contains("financial-10y");
        assertThat(key.regulatory().changeReference()).contains("CHG-1234");
        assertThat(key.state()).isEqualTo(LifecycleState.ACTIVE);
    }

    @Test
    void anAnnotationIsAKeyEventOfTheCallerInTheHistoryAndTheLedger() {
        Req request = as("acme-custodian", "POST", annotations).json("{\"owner\":\"team-risk\"}")
                .header("User-Agent", "curl/8.5").header("X-Request-Id", "req-42");

        h.call(request);

        KeyEvent event = events(Action.ANNOTATE).get(0).event();
        assertThat(event.actor().principal()).isEqualTo("acme-custodian");
        assertThat(event.actor().type()).isEqualTo(ActorType.USER);
        assertThat(event.actor().sourceIp()).contains("203.0.113.9");
        assertThat(event.actor().userAgent()).contains("curl/8.5");
        assertThat(event.source().kind()).isEqualTo("api");
        assertThat(event.source().location()).isEqualTo("req-42");
        assertThat(event.source().operation()).isEqualTo("POST /keys/{id}/annotations");
        assertThat(event.eventTime()).isEqualTo(h.clock.instant());
        assertThat(event.attributes()).containsEntry("owner", "team-risk");

        JsonNode history = h.call(as("acme-auditor", "GET", Req.keyPath(ACME_AWS, "/history"))).json().path("items");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.path("action").asString()).isEqualTo("ANNOTATE");
        assertThat(last.path("actor").asString()).isEqualTo("acme-custodian");

        List<LedgerRecord> ledger = h.store.ledger(ACME, 1, Optional.of(ACME_AWS.id()), false,
                PageRequest.first(1000)).items();
        LedgerRecord accepted = ledger.stream().filter(r -> r.type() == LedgerEntryType.EVENT_ACCEPTED
                && r.payload().contains(event.eventId())).findFirst().orElseThrow();
        assertThat(accepted.payload()).contains("acme-custodian");
        assertThat(ledger).anyMatch(r -> r.type() == LedgerEntryType.ASSET_CHANGED && r.payload().contains(event.eventId()));
        assertThat(new LedgerVerifier(h.store).verify(ACME).intact()).isTrue();
    }

    @Test
    void nullClearsAnAttribute() {
        annotate("{\"owner\": null}");

        // Without a declared owner or an owner tag, the owner is the key's creator, marked inferred.
        assertThat(key().ownership().declared()).isEmpty();
        assertThat(key().ownership().inferred()).isTrue();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyIsAppliedOnce() {
        Req first = as("acme-custodian", "POST", annotations).json("{\"owner\":\"team-risk\"}")
                .header("Idempotency-Key", "6f1c2a47-retry");
        Answer a = h.call(first);
        h.clock.advance(Duration.ofSeconds(5));
        Answer b = h.call(as("acme-custodian", "POST", annotations).json("{\"owner\":\"team-risk\"}")
                .header("Idempotency-Key", "6f1c2a47-retry"));

        assertThat(a.json().path("applied").asBoolean()).isTrue();
        assertThat(b.status()).isEqualTo(200);
        assertThat(b.json().path("applied").asBoolean()).isFalse();
        assertThat(b.json().path("eventId").asString()).isEqualTo(a.json().path("eventId").asString());
        assertThat(events(Action.ANNOTATE)).hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefused() {
        h.call(as("acme-custodian", "POST", annotations).json("{\"owner\":\"team-risk\"}").header("Idempotency-Key", "k1"));

        Answer answer = h.call(as("acme-custodian", "POST", annotations).json("{\"owner\":\"team-other\"}")
                .header("Idempotency-Key", "k1")).isProblem(422);

        assertThat(answer.errorFields()).containsExactly("Idempotency-Key");
        assertThat(key().owner()).contains("team-risk");
        assertThat(events(Action.ANNOTATE)).hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyOfAnotherCallerIsAnotherChange() {
        h.call(as("acme-custodian", "POST", annotations).json("{\"owner\":\"a\"}").header("Idempotency-Key", "k1"));
        h.call(as("acme-admin", "POST", annotations).json("{\"owner\":\"b\"}").header("Idempotency-Key", "k1"));

        assertThat(events(Action.ANNOTATE)).extracting(e -> e.event().actor().principal())
                .containsExactlyInAnyOrder("acme-custodian", "acme-admin");
    }

    @Test
    void withoutAnIdempotencyKeyEachRequestIsANewEvent() {
        annotate("{\"owner\":\"team-risk\"}");
        annotate("{\"owner\":\"team-risk\"}");

        assertThat(events(Action.ANNOTATE)).extracting(e -> e.event().eventId())
                .containsExactlyInAnyOrder("api-test-1", "api-test-2");
    }

    @Test
    void aBadIdempotencyKeyIsAProblemNamingTheHeader() {
        Answer answer = h.call(as("acme-custodian", "POST", annotations).json("{\"owner\":\"x\"}")
                .header("Idempotency-Key", "x".repeat(256))).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("Idempotency-Key");
    }

    @Test
    void aDeclaredCompromiseMakesTheKeyCompromisedAndRaisesTheAlert() {
        Answer answer = h.call(as("acme-custodian", "POST", compromise)
                .json("{\"reason\":\"key material found in a public repository\",\"changeReference\":\"INC-77\"}"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("key").path("state").asString()).isEqualTo("COMPROMISED");
        assertThat(key().state()).isEqualTo(LifecycleState.COMPROMISED);
        KeyEvent event = events(Action.DECLARE_COMPROMISE).get(0).event();
        assertThat(event.actor().principal()).isEqualTo("acme-custodian");
        assertThat(event.attributes()).containsEntry("reason", "key material found in a public repository")
                .containsEntry("changeReference", "INC-77");
        assertThat(h.sent).anyMatch(a -> a.rule() == Rule.COMPROMISE_DECLARED && a.keyId().equals(Optional.of(ACME_AWS.id())));
        JsonNode history = h.call(as("acme-auditor", "GET", Req.keyPath(ACME_AWS, "/history"))).json().path("items");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.path("stateBefore").asString()).isEqualTo("ACTIVE");
        assertThat(last.path("stateAfter").asString()).isEqualTo("COMPROMISED");
        assertThat(last.path("attributes").path("reason").asString()).contains("public repository");
    }

    @Test
    void aCompromiseOfADestroyedKeyIsDestroyedCompromised() {
        h.apply(ACME, Fixtures.event("e-gcp-destroy", ApiHarness.T0.minusSeconds(60), Action.DESTROY, ACME_GCP));

        Answer answer = h.call(as("acme-custodian", "POST", Req.keyPath(ACME_GCP, "/compromise"))
                .json("{\"reason\":\"found in a backup\"}"));

        assertThat(answer.json().path("key").path("state").asString()).isEqualTo("DESTROYED_COMPROMISED");
    }

    @Test
    void aCompromiseNeedsAReason() {
        Answer answer = h.call(as("acme-custodian", "POST", compromise).json("{\"changeReference\":\"INC-1\"}"))
                .isProblem(400);

        assertThat(answer.errorFields()).containsExactly("reason");
        assertThat(answer.json().path("errors").get(0).path("in").asString()).isEqualTo("body");
        assertThat(key().state()).isEqualTo(LifecycleState.ACTIVE);
    }

    @Test
    void anEmptyBodyIsAProblem() {
        h.call(as("acme-custodian", "POST", compromise)).isProblem(400);
        Answer answer = annotate("{}").isProblem(400);
        assertThat(answer.detail()).contains("at least one of");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown field | {\"ownr\":\"x\"} | ownr",
            "number for text | {\"owner\":42} | owner",
            "blank text | {\"owner\":\"  \"} | owner",
            "control character | {\"owner\":\"a\\u0007b\"} | owner",
            "bad enum | {\"responsibilityParty\":\"THEM\"} | responsibilityParty",
            "bad category | {\"aiCategories\":[\"ORACLE\"]} | aiCategories[0]",
            "text for list | {\"usageServices\":\"s3\"} | usageServices",
            "comma in name | {\"usageServices\":[\"s3,ec2\"]} | usageServices[0]",
            "empty list | {\"aiServices\":[]} | aiServices",
            "number in list | {\"aiServices\":[\"a\",7]} | aiServices[1]",
            "too long | {\"classification\":\"" + "x" + "\"} | classification"})
    void invalidFieldsAreProblemsNamingThem(String why, String json, String field) {
        if (why.equals("too long")) {
            json = "{\"classification\":\"" + "x".repeat(KeyEndpoints.MAX_LABEL + 1) + "\"}";
        }
        Answer answer = annotate(json).isProblem(400);

        assertThat(answer.errorFields()).contains(field);
        assertThat(events(Action.ANNOTATE)).isEmpty();
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        Answer answer = annotate("{\"owner\":1,\"jurisdiction\":\"\",\"extra\":true}").isProblem(400);

        assertThat(answer.errorFields()).containsExactlyInAnyOrder("owner", "jurisdiction", "extra");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON | {owner: x}",
            "truncated | {\"owner\":\"x\"",
            "array | [\"owner\"]",
            "string | \"owner\"",
            "duplicate field | {\"owner\":\"a\",\"owner\":\"b\"}"})
    void aBodyThatIsNotOneJsonObjectIsAProblem(String why, String json) {
        Answer answer = annotate(json).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("");
        assertThat(events(Action.ANNOTATE)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "text/plain | text/plain",
            "form | application/x-www-form-urlencoded",
            "other charset | application/json; charset=iso-8859-1"})
    void aBodyThatIsNotJsonIsUnsupported(String why, String contentType) {
        Answer answer = h.call(as("acme-custodian", "POST", annotations)
                .body("{\"owner\":\"x\"}".getBytes(StandardCharsets.UTF_8)).header("Content-Type", contentType))
                .isProblem(415);

        assertThat(answer.detail()).isNotBlank();
    }

    @Test
    void aBodyWithoutContentTypeIsUnsupported() {
        h.call(as("acme-custodian", "POST", annotations).body("{\"owner\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isProblem(415);
    }

    @Test
    void aJsonMediaTypeWithParametersOrASuffixIsAccepted() {
        assertThat(h.call(as("acme-custodian", "POST", annotations).json("{\"owner\":\"x\"}")
                .header("Content-Type", "application/json; charset=UTF-8")).status()).isEqualTo(200);
        assertThat(h.call(as("acme-custodian", "POST", annotations).json("{\"owner\":\"y\"}")
                .header("Content-Type", "application/merge-patch+json")).status()).isEqualTo(200);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        String big = "{\"owner\":\"" + "x".repeat(AdminApi.MAX_BODY_BYTES) + "\"}";

        Answer answer = annotate(big).isProblem(413);

        assertThat(answer.detail()).contains(Integer.toString(AdminApi.MAX_BODY_BYTES));
        assertThat(events(Action.ANNOTATE)).isEmpty();
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() {
        String prefix = "{\"owner\":\"x\",\"classification\":\"c\"";
        String padded = prefix + " ".repeat(AdminApi.MAX_BODY_BYTES - prefix.length() - 1) + "}";

        assertThat(annotate(padded).status()).isEqualTo(200);
    }

    @Test
    void aChangeOfAnUnknownKeyIsNotFoundAndCreatesNoKey() {
        String path = Req.keyPath(Fixtures.awsKey("111122223333", "nope"), "/annotations");

        h.call(as("acme-custodian", "POST", path).json("{\"owner\":\"x\"}")).isProblem(404);

        assertThat(h.store.asset(ACME, Fixtures.awsKey("111122223333", "nope").id())).isEmpty();
    }
}
