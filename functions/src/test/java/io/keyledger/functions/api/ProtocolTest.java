package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.ACME_AWS;
import static io.keyledger.functions.api.ApiHarness.BETA;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** What every endpoint shares: authentication, routing, tenant selection, parameters and errors. */
class ProtocolTest {

    private final ApiHarness h = new ApiHarness();

    @Test
    void withoutCredentialsTheAnswerIs401WithABearerChallenge() {
        Answer answer = Answer.of(h.api.apply(ApiHarness.plain("GET", "/keys"))).isProblem(401);

        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.detail()).isEqualTo("no bearer token");
    }

    @Test
    void rejectedCredentialsAre401() {
        h.call(as("forged", "GET", "/keys")).isProblem(401);
    }

    @Test
    void theOpenApiDocumentNeedsNoCredentials() {
        Answer answer = Answer.of(h.api.apply(ApiHarness.plain("GET", "/openapi.json")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().contentType()).isEqualTo("application/json");
        assertThat(answer.json().path("openapi").asString()).startsWith("3.1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/", "/nothing", "/keys/", "/keys/aws%3Ax/secrets", "//keys", "/KEYS"})
    void anUnknownPathIs404EvenWithoutCredentials(String path) {
        Answer answer = Answer.of(h.api.apply(ApiHarness.plain("GET", path))).isProblem(404);

        assertThat(answer.json().path("instance").asString()).isEqualTo(path);
    }

    @Test
    void aMethodAPathDoesNotTakeIs405WithAllow() {
        Answer answer = h.call(as("acme-admin", "PUT", "/legal-holds")).isProblem(405);

        assertThat(answer.header("Allow")).isEqualTo("GET, POST, DELETE");
        assertThat(h.call(as("acme-admin", "DELETE", Req.keyPath(ACME_AWS, ""))).isProblem(405).header("Allow"))
                .isEqualTo("GET");
    }

    @Test
    void theOnlyTenantOfTheCallerNeedNotBeNamed() {
        Answer answer = h.call(as("beta-admin", "GET", "/keys"));

        assertThat(answer.json().path("items").get(0).path("tenant").asString()).isEqualTo(BETA);
    }

    @Test
    void aCallerOfSeveralTenantsMustNameOne() {
        Answer answer = h.call(as("both-admin", "GET", "/keys")).isProblem(400);

        assertThat(answer.json().path("type").asString()).isEqualTo("urn:keyledger:problem:ambiguous-tenant");
        assertThat(answer.errorFields()).containsExactly("tenant");
        assertThat(answer.detail()).contains("acme, beta");
    }

    @Test
    void theTenantComesFromTheQueryOrTheHeader() {
        Answer byQuery = h.call(as("both-admin", "GET", "/keys").tenant(BETA));
        Answer byHeader = h.call(as("both-admin", "GET", "/keys").header(AdminApi.TENANT_HEADER, ACME));
        Answer both = h.call(as("both-admin", "GET", "/keys").tenant(BETA).header(AdminApi.TENANT_HEADER, BETA));

        assertThat(byQuery.json().path("items").get(0).path("tenant").asString()).isEqualTo(BETA);
        assertThat(byHeader.json().path("items").get(0).path("tenant").asString()).isEqualTo(ACME);
        assertThat(both.status()).isEqualTo(200);
    }

    @Test
    void aQueryAndAHeaderNamingDifferentTenantsAreAProblem() {
        Answer answer = h.call(as("both-admin", "GET", "/keys").tenant(BETA).header(AdminApi.TENANT_HEADER, ACME))
                .isProblem(400);

        assertThat(answer.errorFields()).containsExactly(AdminApi.TENANT_HEADER);
    }

    @Test
    void aMalformedTenantIsAProblemNamingIt() {
        Answer answer = h.call(as("acme-admin", "GET", "/keys").tenant("acme corp")).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("tenant");
    }

    @Test
    void aCallerWithoutAnyRoleFindsNoTenant() {
        h.call(as("nobody", "GET", "/keys")).isProblem(404);
    }

    @Test
    void aTenantWithoutTheCallersRoleIsNotFoundWhetherItExistsOrNot() {
        Answer existing = h.call(as("acme-admin", "GET", "/keys").tenant(BETA)).isProblem(404);
        Answer missing = h.call(as("acme-admin", "GET", "/keys").tenant("zeta")).isProblem(404);

        assertThat(existing.detail()).isEqualTo("no tenant 'beta'");
        assertThat(missing.detail()).isEqualTo("no tenant 'zeta'");
    }

    @Test
    void aRoleTooWeakIs403NamingTheRoleNeeded() {
        Answer answer = h.call(as("acme-viewer", "GET", "/alerts")).isProblem(403);

        assertThat(answer.detail()).contains("READ_ALERTS").contains("auditor");
    }

    @Test
    void anUnknownQueryParameterIsAProblemNamingIt() {
        Answer answer = h.call(as("acme-viewer", "GET", "/keys").query("stat", "ACTIVE")).isProblem(400);

        assertThat(answer.errorFields()).containsExactly("stat");
        assertThat(answer.detail()).contains("state");
    }

    @Test
    void aRepeatedQueryParameterIsAProblem() {
        Answer answer = h.call(as("acme-viewer", "GET", "/keys").query("state", "ACTIVE").query("state", "SUSPENDED"))
                .isProblem(400);

        assertThat(answer.errorFields()).containsExactly("state");
    }

    @Test
    void anUnexpectedFailureIsAGeneric500AndIsLogged() {
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(AdminApi.class.getName());
        logger.addHandler(handler);
        try {
            SweepLauncher failing = (tenant, by) -> {
                throw new UncheckedIOException(new IOException(
                        "connection to db-internal.example:5432 lost (password=hunter2)"));
            };
            AdminApi api = new AdminApi(h.services, request -> h.principals.get("acme-admin"), h.reports, failing);

            Answer answer = Answer.of(api.apply(new Req("POST", "/sweeps").build())).isProblem(500);

            assertThat(answer.text()).doesNotContain("db-internal", "hunter2", "Unchecked");
            assertThat(answer.detail()).isEqualTo("the request failed on the server; it has been logged");
            assertThat(logged).anySatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(r.getThrown()).hasMessageContaining("db-internal");
            });
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void problemsAreRfc9457Objects() {
        Answer answer = h.call(as("acme-viewer", "GET", "/keys").query("limit", "0"));

        JsonNode p = answer.json();
        assertThat(answer.response().contentType()).isEqualTo("application/problem+json");
        assertThat(p.propertyNames()).containsExactly("type", "title", "status", "detail", "instance", "errors");
        assertThat(p.path("type").asString()).isEqualTo("urn:keyledger:problem:invalid-request");
        assertThat(p.path("instance").asString()).isEqualTo("/keys");
        assertThat(p.path("errors").get(0).propertyNames()).containsExactly("in", "field", "detail");
        assertThat(Json.mapper().writeValueAsString(p)).doesNotContain("stackTrace", "cause");
    }
}
