package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.ACME_AZURE;
import static io.keyledger.functions.api.ApiHarness.ACME_AWS;
import static io.keyledger.functions.api.ApiHarness.BETA;
import static io.keyledger.functions.api.ApiHarness.BETA_AWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.core.key.KeyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint, as every role of tenant acme and as a caller with no role there, against acme itself
 * and against tenant beta (whose resources exist): the exact status of each. Each case runs on a fresh
 * inventory, so that a change made by one case cannot decide another.
 */
class AccessControlTableTest {

    /** The role a caller holds in acme; NONE: roles only elsewhere. */
    enum Caller {
        VIEWER(Role.VIEWER), AUDITOR(Role.AUDITOR), CUSTODIAN(Role.CUSTODIAN), ADMIN(Role.ADMIN), NONE(null);

        final Role role;

        Caller(Role role) {
            this.role = role;
        }

        Principal principal() {
            return role == null ? Principal.of("caller", "gamma", Role.ADMIN) : Principal.of("caller", ACME, role);
        }
    }

    /** What a request touches: its tenant's key, alert, sweep... */
    record Target(String tenant, KeyRef key, KeyRef heldKey, String sweepId) {
        static final Target OWN = new Target(ACME, ACME_AWS, ACME_AZURE, "sweep-acme-1");
        /** Beta's hold is tenant-wide. */
        static final Target OTHER = new Target(BETA, BETA_AWS, BETA_AWS, "sweep-beta-1");

        String alert(ApiHarness h) {
            return tenant.equals(ACME) ? h.acmeAlert : h.betaAlert;
        }
    }

    /** One endpoint, the role it takes, its success status, and a request of it against a target. */
    record Endpoint(String method, String template, Role weakestRole, int success,
                    BiFunction<ApiHarness, Target, Req> request) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/keys", Role.VIEWER, 200, (h, t) -> new Req("GET", "/keys")),
            new Endpoint("GET", "/keys/{id}", Role.VIEWER, 200, (h, t) -> new Req("GET", Req.keyPath(t.key(), ""))),
            new Endpoint("GET", "/keys/{id}/history", Role.AUDITOR, 200,
                    (h, t) -> new Req("GET", Req.keyPath(t.key(), "/history"))),
            new Endpoint("GET", "/keys/{id}/ledger", Role.AUDITOR, 200,
                    (h, t) -> new Req("GET", Req.keyPath(t.key(), "/ledger"))),
            new Endpoint("POST", "/keys/{id}/annotations", Role.CUSTODIAN, 200,
                    (h, t) -> new Req("POST", Req.keyPath(t.key(), "/annotations")).json("{\"owner\":\"team-x\"}")),
            new Endpoint("POST", "/keys/{id}/compromise", Role.CUSTODIAN, 200,
                    (h, t) -> new Req("POST", Req.keyPath(t.key(), "/compromise")).json("{\"reason\":\"leaked\"}")),
            new Endpoint("GET", "/key-stores", Role.VIEWER, 200, (h, t) -> new Req("GET", "/key-stores")),
            new Endpoint("GET", "/key-stores/{id}", Role.VIEWER, 200, (h, t) -> new Req("GET", "/key-stores/"
                    + java.net.URLEncoder.encode(ApiHarness.keyStoreOf(t.key()), java.nio.charset.StandardCharsets.UTF_8))),
            new Endpoint("GET", "/legal-holds", Role.AUDITOR, 200, (h, t) -> new Req("GET", "/legal-holds")),
            new Endpoint("POST", "/legal-holds", Role.ADMIN, 201,
                    (h, t) -> new Req("POST", "/legal-holds").json("{\"scope\":\"key\",\"keyId\":\"" + t.key().id()
                            + "\",\"reason\":\"matter 7\"}")),
            new Endpoint("DELETE", "/legal-holds", Role.ADMIN, 204,
                    (h, t) -> t.tenant().equals(ACME)
                            ? new Req("DELETE", "/legal-holds").query("scope", "key").query("keyId", t.heldKey().id())
                            : new Req("DELETE", "/legal-holds").query("scope", "tenant")),
            new Endpoint("GET", "/alerts", Role.AUDITOR, 200, (h, t) -> new Req("GET", "/alerts")),
            new Endpoint("POST", "/alerts/{id}/acknowledge", Role.CUSTODIAN, 200,
                    (h, t) -> new Req("POST", "/alerts/" + t.alert(h) + "/acknowledge")),
            new Endpoint("GET", "/sweeps", Role.AUDITOR, 200, (h, t) -> new Req("GET", "/sweeps")),
            new Endpoint("POST", "/sweeps", Role.ADMIN, 202, (h, t) -> new Req("POST", "/sweeps")),
            new Endpoint("GET", "/sweeps/{id}", Role.AUDITOR, 200, (h, t) -> new Req("GET", "/sweeps/" + t.sweepId())),
            new Endpoint("GET", "/reports/{name}", Role.AUDITOR, 200,
                    (h, t) -> new Req("GET", "/reports/inventory").query("format", "csv")),
            new Endpoint("GET", "/ledger/verify", Role.AUDITOR, 200, (h, t) -> new Req("GET", "/ledger/verify")));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            for (Caller c : Caller.values()) {
                out.add(Arguments.of(e, c, "own tenant", expected(e, c, true)));
                out.add(Arguments.of(e, c, "other tenant", expected(e, c, false)));
            }
        }
        return out.stream();
    }

    /** The roles build on each other, so a caller may if its role is at least the endpoint's weakest. */
    static int expected(Endpoint e, Caller c, boolean ownTenant) {
        if (!ownTenant || c.role == null) {
            return 404;
        }
        return c.role.operations().containsAll(e.weakestRole().operations()) ? e.success() : 403;
    }

    @ParameterizedTest(name = "{0} as {1} in {2}: {3}")
    @MethodSource("cases")
    void answersExactlyAsTheTableSays(Endpoint endpoint, Caller caller, String target, int expected) {
        ApiHarness h = new ApiHarness();
        h.principals.put("caller", caller.principal());
        Target t = target.equals("own tenant") ? Target.OWN : Target.OTHER;
        Req request = endpoint.request().apply(h, t).header(ApiHarness.PRINCIPAL_HEADER, "caller").tenant(t.tenant());

        Answer answer = h.call(request);

        assertThat(answer.status()).as("%s %s as %s in %s: %s", endpoint.method(), endpoint.template(), caller,
                target, answer.text()).isEqualTo(expected);
        if (expected >= 400) {
            answer.isProblem(expected);
        }
    }

    @Test
    void theTableCoversEveryAuthenticatedRoute() {
        Set<String> routes = new ApiHarness().api.routes().stream().filter(Route::authenticated)
                .map(r -> r.method() + " " + r.template()).collect(Collectors.toSet());
        Set<String> table = ENDPOINTS.stream().map(Endpoint::toString).collect(Collectors.toSet());
        assertThat(table).isEqualTo(routes);
    }

    @Test
    void theTableAgreesWithTheRoutesOperations() {
        Map<String, Route> routes = new ApiHarness().api.routes().stream()
                .collect(Collectors.toMap(r -> r.method() + " " + r.template(), r -> r));
        for (Endpoint e : ENDPOINTS) {
            Role weakest = Stream.of(Role.VIEWER, Role.AUDITOR, Role.CUSTODIAN, Role.ADMIN)
                    .filter(r -> r.allows(routes.get(e.toString()).operation().orElseThrow())).findFirst().orElseThrow();
            assertThat(weakest).as(e.toString()).isEqualTo(e.weakestRole());
        }
    }

    /** A caller of acme naming acme but an id of beta's finds nothing there: 404, like an unknown id. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignResources")
    void anotherTenantsResourceIsNotFoundInOnesOwn(String name, BiFunction<ApiHarness, String, Req> request) {
        ApiHarness h = new ApiHarness();
        Answer answer = h.call(request.apply(h, "acme-admin").tenant(ACME));
        answer.isProblem(404);
        assertThat(answer.text()).doesNotContain(BETA + "'");
    }

    static Stream<Arguments> foreignResources() {
        return Stream.of(
                Arguments.of("key", (BiFunction<ApiHarness, String, Req>) (h, p) ->
                        ApiHarness.as(p, "GET", Req.keyPath(BETA_AWS, ""))),
                Arguments.of("history", (BiFunction<ApiHarness, String, Req>) (h, p) ->
                        ApiHarness.as(p, "GET", Req.keyPath(BETA_AWS, "/history"))),
                Arguments.of("ledger", (BiFunction<ApiHarness, String, Req>) (h, p) ->
                        ApiHarness.as(p, "GET", Req.keyPath(BETA_AWS, "/ledger"))),
                Arguments.of("annotation", (BiFunction<ApiHarness, String, Req>) (h, p) ->
                        ApiHarness.as(p, "POST", Req.keyPath(BETA_AWS, "/annotations")).json("{\"owner\":\"x\"}")),
                Arguments.of("compromise", (BiFunction<ApiHarness, String, Req>) (h, p) ->
                        ApiHarness.as(p, "POST", Req.keyPath(BETA_AWS, "/compromise")).json("{\"reason\":\"x\"}")),
                Arguments.of("key hold", (BiFunction<ApiHarness, String, Req>) (h, p) ->
                        ApiHarness.as(p, "POST", "/legal-holds").json("{\"scope\":\"key\",\"keyId\":\""
                                + BETA_AWS.id() + "\",\"reason\":\"r\"}")),
                Arguments.of("alert", (BiFunction<ApiHarness, String, Req>) (h, p) ->
                        ApiHarness.as(p, "POST", "/alerts/" + h.betaAlert + "/acknowledge")),
                Arguments.of("sweep", (BiFunction<ApiHarness, String, Req>) (h, p) ->
                        ApiHarness.as(p, "GET", "/sweeps/sweep-beta-1")));
    }

    @Test
    void aForeignResourceLeavesTheOtherTenantUntouched() {
        ApiHarness h = new ApiHarness();
        h.call(ApiHarness.as("acme-admin", "POST", Req.keyPath(BETA_AWS, "/compromise")).tenant(ACME)
                .json("{\"reason\":\"x\"}"));
        h.call(ApiHarness.as("acme-admin", "POST", "/alerts/" + h.betaAlert + "/acknowledge").tenant(ACME));

        assertThat(h.store.asset(BETA, BETA_AWS.id()).orElseThrow().value().state().isCompromised()).isFalse();
        assertThat(h.store.alert(BETA, h.betaAlert).orElseThrow().acknowledgedBy()).isEqualTo(Optional.empty());
        assertThat(h.store.asset(ACME, BETA_AWS.id())).isEmpty();
    }
}
