package io.keyledger.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.queue.QueueClient;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.keyledger.core.json.Json;
import io.keyledger.functions.auth.SigningKeys;
import io.keyledger.testkit.azure.Azurite;
import io.keyledger.testkit.azure.FunctionsHttpRequest;
import io.keyledger.testkit.azure.FunctionsHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code adminApi} as the worker calls it: the provider-neutral admin API behind an HTTP trigger, the caller
 * taken from App Service authentication or an Entra ID token, never from a header nobody vouches for.
 */
class AdminApiFunctionTest {

    private static final String API = "https://keyledger-fn.azurewebsites.net/api/keyledger";

    /** The header App Service authentication sets for a signed-in Entra ID user. */
    static String clientPrincipal(String objectId) {
        String json = """
                {"auth_typ": "aad", "claims": [
                  {"typ": "http://schemas.microsoft.com/identity/claims/objectidentifier", "val": "%s"},
                  {"typ": "name", "val": "Ann"}], "name_typ": "name", "role_typ": "roles"}""".formatted(objectId);
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static FunctionsHttpResponse call(FunctionApp app, FunctionsHttpRequest request) {
        return FunctionsHttpResponse.of(app.functions.adminApi(request, FunctionApp.context(AzureFunctionNames.ADMIN_API)));
    }

    @Test
    void anAppServiceSignedInCallerIsMappedToItsTenantAndRole() throws Exception {
        try (FunctionApp app = FunctionApp.start()) {
            FunctionsHttpResponse keys = call(app, FunctionsHttpRequest.get(API + "/keys?limit=5")
                    .header("X-MS-CLIENT-PRINCIPAL", clientPrincipal(FunctionApp.AUDITOR_OID))
                    .header("X-MS-CLIENT-PRINCIPAL-IDP", "aad"));
            FunctionsHttpResponse openapi = call(app, FunctionsHttpRequest.get(API + "/openapi.json"));

            assertThat(keys.getStatusCode()).isEqualTo(200);
            assertThat(Json.mapper().readTree(keys.text()).path("items").isArray()).isTrue();
            assertThat(openapi.getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void aForgedPrincipalHeaderIsRefusedWhereAppServiceAuthenticationIsNotEnabled() throws Exception {
        Map<String, String> env = FunctionApp.settings();
        env.put(FunctionAppSettings.APP_SERVICE_AUTH, "false");
        try (FunctionApp app = FunctionApp.start(env)) {
            FunctionsHttpResponse forged = call(app, FunctionsHttpRequest.get(API + "/keys")
                    .header("X-MS-CLIENT-PRINCIPAL", clientPrincipal(FunctionApp.ADMIN_OID)));

            assertThat(forged.getStatusCode()).isEqualTo(401);
            assertThat(forged.getHeader("Content-Type")).startsWith("application/problem+json");
            assertThat(Json.mapper().readTree(forged.text()).path("detail").asString()).contains("bearer token");
        }
    }

    @Test
    void anEntraIdTokenForTheAudienceIsMappedByIssuerAndSubjectAndAnyOtherIsRefused() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("entra-1").generate();
        try (FunctionApp app = FunctionApp.withEntraKeys(SigningKeys.fixed(new JWKSet(key.toPublicJWK())))) {
            String good = token(key, FunctionApp.ENTRA_AUDIENCE, app);
            String otherAudience = token(key, "api://something-else", app);

            FunctionsHttpResponse ok = call(app, FunctionsHttpRequest.get(API + "/sweeps")
                    .header("Authorization", "Bearer " + good));
            FunctionsHttpResponse refused = call(app, FunctionsHttpRequest.get(API + "/sweeps")
                    .header("Authorization", "Bearer " + otherAudience));
            FunctionsHttpResponse none = call(app, FunctionsHttpRequest.get(API + "/sweeps"));

            assertThat(ok.getStatusCode()).isEqualTo(200);
            assertThat(refused.getStatusCode()).isEqualTo(401);
            assertThat(Json.mapper().readTree(refused.text()).path("detail").asString()).contains("audience");
            assertThat(none.getStatusCode()).isEqualTo(401);
        }
    }

    private static String token(RSAKey key, String audience, FunctionApp app) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(FunctionApp.ENTRA_ISSUER).subject(FunctionApp.ENTRA_SUBJECT)
                .audience(audience).issueTime(Date.from(app.clock.instant()))
                .expirationTime(Date.from(app.clock.instant().plusSeconds(3600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void anAdminStartsASweepThroughTheApiTheQueueTriggerSweepsItAndAnAuditorReadsItBack() throws Exception {
        try (Azurite azurite = Azurite.start()) {
            QueueClient queue = azurite.queue("keyledger-sweep");
            FunctionApp.Vaults vaults = new FunctionApp.Vaults();
            vaults.vault(FunctionApp.SUBSCRIPTION, "contoso-kv", 10)
                    .add(FunctionApp.key(FunctionApp.SUBSCRIPTION, "contoso-kv", "payments-cmk"))
                    .add(FunctionApp.key(FunctionApp.SUBSCRIPTION, "contoso-kv", "orders"));
            vaults.vault(FunctionApp.OTHER_SUBSCRIPTION, "globex-kv", 10)
                    .add(FunctionApp.key(FunctionApp.OTHER_SUBSCRIPTION, "globex-kv", "billing"));
            try (FunctionApp app = FunctionApp.withSweeps(FunctionApp.settings(), vaults, queue)) {
                FunctionsHttpResponse started = call(app, FunctionsHttpRequest.post(API + "/sweeps", "")
                        .header("X-MS-CLIENT-PRINCIPAL", clientPrincipal(FunctionApp.ADMIN_OID)));

                assertThat(started.getStatusCode()).isEqualTo(202);
                String sweepId = Json.mapper().readTree(started.text()).path("sweepId").asString();
                assertThat(started.getHeader("Location")).isEqualTo("/api/keyledger/sweeps/" + sweepId);

                assertThat(SweepFunctionsTest.drain(app, queue)).as("one vault of tenant acme").isEqualTo(1);

                FunctionsHttpResponse read = call(app, FunctionsHttpRequest.get(API + "/sweeps/" + sweepId)
                        .header("X-MS-CLIENT-PRINCIPAL", clientPrincipal(FunctionApp.AUDITOR_OID)));
                assertThat(read.getStatusCode()).isEqualTo(200);
                JsonNode body = Json.mapper().readTree(read.text());
                assertThat(body.toString()).contains("contoso-kv").contains("payments-cmk").doesNotContain("globex");
                FunctionsHttpResponse keys = call(app, FunctionsHttpRequest.get(API + "/keys")
                        .header("X-MS-CLIENT-PRINCIPAL", clientPrincipal(FunctionApp.AUDITOR_OID)));
                assertThat(Json.mapper().readTree(keys.text()).path("items")).hasSize(2);
            }
        }
    }

    @Test
    void withoutTheSweepQueueTheApiStillAnswersAndRefusesToStartASweepSayingWhy() throws Exception {
        try (FunctionApp app = FunctionApp.start()) {
            FunctionsHttpResponse started = call(app, FunctionsHttpRequest.post(API + "/sweeps", "")
                    .header("X-MS-CLIENT-PRINCIPAL", clientPrincipal(FunctionApp.ADMIN_OID)));

            assertThat(started.getStatusCode()).isEqualTo(409);
            assertThat(app.functions.unavailable()).containsOnlyKeys(AzureFunctionNames.SWEEP_SCHEDULE,
                    AzureFunctionNames.SWEEP_VAULT);
        }
    }
}
