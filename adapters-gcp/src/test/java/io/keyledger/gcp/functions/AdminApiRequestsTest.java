package io.keyledger.gcp.functions;

import static io.keyledger.gcp.functions.GcpHarness.ADMIN;
import static io.keyledger.gcp.functions.GcpHarness.ADMIN_URL;
import static io.keyledger.gcp.functions.GcpHarness.ANALYTICS;
import static io.keyledger.gcp.functions.GcpHarness.AUDITOR;
import static io.keyledger.gcp.functions.GcpHarness.PAYMENTS;
import static io.keyledger.gcp.functions.GcpHarness.SWEEP_SUBSCRIPTION;
import static io.keyledger.gcp.functions.GcpHarness.SWEEP_TOPIC;
import static io.keyledger.gcp.functions.GcpHarness.googleKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admin API behind its HTTP entry point, called with Google-signed ID tokens. */
class AdminApiRequestsTest {

    private final GcpHarness gcp = new GcpHarness();
    private final AdminApiRequests api = gcp.adminApi();

    @AfterEach
    void close() throws Exception {
        gcp.close();
    }

    private FrameworkResponse call(FrameworkRequest request) throws Exception {
        FrameworkResponse response = new FrameworkResponse();
        api.service(request, response);
        return response;
    }

    @Test
    void anAuditorReadsTheInventoryWithAnIdTokenForTheFunctionsUrl() throws Exception {
        gcp.auditLogEvents().accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json"));

        FrameworkResponse response = call(gcp.adminRequest("GET", "/keys?state=DEACTIVATED", AUDITOR));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("items").get(0).path("id").asString()).isEqualTo(AuditLogEventsTest.CARD_DATA.id());
    }

    @Test
    void theFunctionsNameBeforeThePathIsTheCloudfunctionsAddressNotAnApiPath() throws Exception {
        FrameworkResponse viaName = call(gcp.adminRequest("GET", "/keys", AUDITOR));
        FrameworkResponse direct = call(FrameworkRequest.of("GET", "https://keyledger-admin-api-abc123-ew.a.run.app/keys")
                .bearer(gcp.idToken(AUDITOR)));

        assertThat(viaName.status()).isEqualTo(200);
        assertThat(direct.status()).isEqualTo(200);
    }

    @Test
    void googlesKeysAreFetchedOnTheFirstRequestNotAtInit() throws Exception {
        assertThat(gcp.issuer.jwksRequests).hasValue(0);

        call(gcp.adminRequest("GET", "/keys", AUDITOR));
        call(gcp.adminRequest("GET", "/keys", AUDITOR));

        assertThat(gcp.issuer.jwksRequests).hasValue(1);
    }

    @Test
    void aRequestWithoutATokenIsUnauthenticated() throws Exception {
        FrameworkResponse response = call(FrameworkRequest.of("GET", ADMIN_URL + "/keys"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.getContentType()).contains("application/problem+json");
    }

    @Test
    void aTokenForAnotherFunctionIsRefused() throws Exception {
        String other = gcp.issuer.idToken(AUDITOR, "https://europe-west1-acme-security.cloudfunctions.net/other", gcp.clock.instant());

        FrameworkResponse response = call(FrameworkRequest.of("GET", ADMIN_URL + "/keys").bearer(other));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("detail").asString()).contains("audience");
    }

    @Test
    void aTokenSignedWithAKeyGoogleDoesNotPublishIsRefused() throws Exception {
        String forged = gcp.issuer.signWithAnotherKey(gcp.issuer.claims(ADMIN, ADMIN_URL, gcp.clock.instant()).build());

        FrameworkResponse response = call(FrameworkRequest.of("GET", ADMIN_URL + "/keys").bearer(forged));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = gcp.idToken(AUDITOR);
        gcp.clock.advance(java.time.Duration.ofHours(2));

        FrameworkResponse response = call(FrameworkRequest.of("GET", ADMIN_URL + "/keys").bearer(token));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aCallerTheMappingDoesNotNameSeesNoTenant() throws Exception {
        FrameworkResponse response = call(gcp.adminRequest("GET", "/keys?tenant=acme", "mallory@example.com"));

        assertThat(response.status()).as("a tenant the caller has no role in is 404, whether it exists or not")
                .isEqualTo(404);
    }

    @Test
    void anAuditorCannotStartASweep() throws Exception {
        FrameworkResponse response = call(gcp.adminRequest("POST", "/sweeps", AUDITOR).json("{}"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(gcp.pubsub.publishCalls()).isZero();
    }

    @Test
    void aSweepStartedThroughTheApiIsSweptByTheWorkersAndReadBack() throws Exception {
        gcp.payments.add(googleKey(PAYMENTS, "payments", "card-data", "ACTIVE"));
        gcp.analytics.add(googleKey(ANALYTICS, "analytics", "embeddings", "ACTIVE"));

        FrameworkResponse started = call(gcp.adminRequest("POST", "/sweeps", ADMIN).json("{}"));

        assertThat(started.status()).isEqualTo(202);
        String sweepId = started.json().path("sweepId").asString();
        assertThat(sweepId).startsWith("api-");
        assertThat(started.header("Location")).contains("/sweeps/" + sweepId);
        assertThat(call(gcp.adminRequest("GET", "/sweeps/" + sweepId, AUDITOR)).status())
                .as("no scope swept yet").isEqualTo(404);

        SweepMessages worker = gcp.sweepMessages();
        gcp.pubsub.take(SWEEP_TOPIC).forEach(m -> worker.accept(CloudEvents.read(m.messagePublishedEvent(SWEEP_SUBSCRIPTION))));

        FrameworkResponse read = call(gcp.adminRequest("GET", "/sweeps/" + sweepId, AUDITOR));
        assertThat(read.status()).isEqualTo(200);
        JsonNode reports = read.json().path("reports");
        assertThat(reports.size()).isEqualTo(2);
        assertThat(reports.toString()).contains("acme-payments").contains("acme-analytics");
    }

    @Test
    void aBodyLargerThanTheApiTakesIsRefused() throws Exception {
        byte[] huge = new byte[AdminApiRequests.MAX_BODY + 1];
        FrameworkResponse response = call(gcp.adminRequest("POST", "/sweeps", ADMIN).body("application/json", huge));

        assertThat(response.status()).isEqualTo(413);
        assertThat(Json.mapper().readTree(response.text()).path("type").asString()).isEqualTo(FrameworkHttp.TOO_LARGE);
        assertThat(new String(huge, 0, 0, StandardCharsets.UTF_8)).isEmpty();
    }
}
