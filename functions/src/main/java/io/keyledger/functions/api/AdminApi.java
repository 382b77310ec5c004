package io.keyledger.functions.api;

import io.keyledger.core.access.AccessControl;
import io.keyledger.core.access.AccessDecision;
import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Resource;
import io.keyledger.core.access.Role;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.tenant.TenantIds;
import io.keyledger.functions.auth.AuthenticationException;
import io.keyledger.functions.auth.Authenticator;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.report.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tenant admin API: one function from a plain HTTP request to a plain HTTP response, served the
 * same way by the local server and by each cloud's HTTP function. Paths, parameters and answers are
 * documented in {@code openapi.json} (served at {@code /openapi.json}) and docs/API.md.
 *
 * <p>Every request but {@code GET /openapi.json} is authenticated, answered within one tenant, and
 * decided by {@link AccessControl}: a tenant where the caller has no role, and anything of another
 * tenant, is 404; a role too weak for the operation is 403. Refusals and failures are RFC 9457 problems
 * ({@code application/problem+json}); an unexpected exception is logged here and answered with a
 * generic 500, never with its message or stack trace.
 *
 * <p>Thread-safe: it holds no state of its own between requests.
 */
public final class AdminApi implements Function<HttpRequest, HttpResponse> {

    /** The largest request body accepted; a server may stop reading after one byte more. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The header that names the tenant, as the query parameter {@code tenant} does. */
    public static final String TENANT_HEADER = "X-KeyLedger-Tenant";

    static final String TENANT_PARAMETER = "tenant";

    private static final System.Logger LOG = System.getLogger(AdminApi.class.getName());

    private final Authenticator authenticator;
    private final CursorSeal cursors;
    private final Router router;
    private final byte[] openApiDocument;

    /** The API over the core services of its entry point, with random event ids for the changes it makes. */
    public AdminApi(CoreServices services, Authenticator authenticator, Reports reports, SweepLauncher sweeps) {
        this(services, authenticator, reports, sweeps, () -> "api-" + UUID.randomUUID());
    }

    /** As above, with page cursors sealed by {@code cursors} (a secret key shared by every instance that serves). */
    public AdminApi(CoreServices services, Authenticator authenticator, Reports reports, SweepLauncher sweeps,
                    CursorSeal cursors) {
        this(services, authenticator, reports, sweeps, () -> "api-" + UUID.randomUUID(), cursors);
    }

    /**
     * The API over the core services of its entry point: their store, clock, inventory (changes made
     * through the API are applied and alerted on as ingest applies events), alerts, retention and ledger
     * verifier; no service is built per request.
     *
     * @param eventIds the ids of events made without an {@code Idempotency-Key}; each must be new
     */
    public AdminApi(CoreServices services, Authenticator authenticator, Reports reports, SweepLauncher sweeps,
                    Supplier<String> eventIds) {
        this(services, authenticator, reports, sweeps, eventIds, CursorSeal.integrityOnly());
    }

    /** @param cursors seals the page cursors handed out, so that an edited or foreign cursor is refused */
    public AdminApi(CoreServices services, Authenticator authenticator, Reports reports, SweepLauncher sweeps,
                    Supplier<String> eventIds, CursorSeal cursors) {
        Objects.requireNonNull(services, "services");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(sweeps, "sweeps");
        this.openApiDocument = readOpenApiDocument();
        InventoryStore store = services.store();
        KeyChanges changes = new KeyChanges(store, services.clock(), services.inventory(),
                Objects.requireNonNull(eventIds, "eventIds"));
        KeyEndpoints keys = new KeyEndpoints(store, services.inventory(), changes);
        this.router = new Router(routes(keys, new LegalHoldEndpoints(store, services.retention(), keys),
                new AlertEndpoints(store, services.alerts()),
                new SweepEndpoints(store, sweeps, services.clock(), services.retention()),
                new ReportEndpoints(reports), new LedgerEndpoints(services.verifier()),
                new KeyStoreEndpoints(store, services.inventory().keyStores())));
    }

    private List<Route> routes(KeyEndpoints keys, LegalHoldEndpoints holds, AlertEndpoints alerts,
                               SweepEndpoints sweeps, ReportEndpoints reports, LedgerEndpoints ledger,
                               KeyStoreEndpoints keyStores) {
        Set<String> paging = Set.of("limit", "cursor");
        Set<String> keyListing = new TreeSet<>(KeyFilters.NAMES);
        keyListing.addAll(paging);
        Set<String> alertListing = new TreeSet<>(paging);
        alertListing.add("status");
        Resource.Kind key = Resource.Kind.KEY;
        return List.of(
                Route.open("GET", "/openapi.json", this::openApiDocument),
                Route.of("GET", "/keys", Operation.READ_INVENTORY, key, keyListing, keys::list),
                Route.of("GET", "/keys/{id}", Operation.READ_INVENTORY, key, Set.of(), keys::get),
                Route.of("GET", "/keys/{id}/history", Operation.READ_HISTORY, key, Set.of(), keys::history),
                Route.of("GET", "/keys/{id}/ledger", Operation.READ_LEDGER, key, paging, keys::ledger),
                Route.of("POST", "/keys/{id}/annotations", Operation.ANNOTATE_KEY, key, Set.of(), keys::annotate),
                Route.of("POST", "/keys/{id}/compromise", Operation.DECLARE_COMPROMISE, key, Set.of(),
                        keys::compromise),
                Route.of("GET", "/key-stores", Operation.READ_INVENTORY, Resource.Kind.KEY_STORE, paging,
                        keyStores::list),
                Route.of("GET", "/key-stores/{id}", Operation.READ_INVENTORY, Resource.Kind.KEY_STORE, Set.of(),
                        keyStores::get),
                Route.of("GET", "/legal-holds", Operation.READ_LEGAL_HOLDS, Resource.Kind.LEGAL_HOLD, Set.of(),
                        holds::list),
                Route.of("POST", "/legal-holds", Operation.MANAGE_LEGAL_HOLDS, Resource.Kind.LEGAL_HOLD, Set.of(),
                        holds::place),
                Route.of("DELETE", "/legal-holds", Operation.MANAGE_LEGAL_HOLDS, Resource.Kind.LEGAL_HOLD,
                        LegalHoldEndpoints.LIFT_PARAMETERS, holds::lift),
                Route.of("GET", "/alerts", Operation.READ_ALERTS, Resource.Kind.ALERT, alertListing, alerts::list),
                Route.of("POST", "/alerts/{id}/acknowledge", Operation.ACKNOWLEDGE_ALERT, Resource.Kind.ALERT,
                        Set.of(), alerts::acknowledge),
                Route.of("GET", "/sweeps", Operation.READ_SWEEPS, Resource.Kind.SWEEP, paging, sweeps::list),
                Route.of("POST", "/sweeps", Operation.RUN_SWEEP, Resource.Kind.SWEEP, Set.of(), sweeps::start),
                Route.of("GET", "/sweeps/{id}", Operation.READ_SWEEPS, Resource.Kind.SWEEP, Set.of(), sweeps::get),
                Route.of("GET", "/reports/{name}", Operation.READ_REPORTS, Resource.Kind.REPORT,
                        ReportEndpoints.PARAMETERS, reports::download),
                Route.of("GET", "/ledger/verify", Operation.VERIFY_LEDGER, Resource.Kind.LEDGER, Set.of(),
                        ledger::verify));
    }

    /** The routes, for the check that openapi.json documents each and nothing else. */
    List<Route> routes() {
        return router.routes();
    }

    @Override
    public HttpResponse apply(HttpRequest request) {
        try {
            return handle(request);
        } catch (ApiProblem problem) {
            return ApiResponses.problem(problem, request.path());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "admin API request " + request.method() + " "
                    + RequestBody.printable(request.path()) + " failed", e);
            return ApiResponses.problem(ApiProblem.internal(), request.path());
        }
    }

    private HttpResponse handle(HttpRequest request) {
        Router.Match match = router.find(request.method(), PathSegments.decode(request.path()));
        Route route = match.route();
        if (!route.authenticated()) {
            return route.handler().handle(null);
        }
        Principal principal;
        try {
            principal = authenticator.authenticate(request);
        } catch (AuthenticationException e) {
            throw ApiProblem.unauthorized(e.getMessage() == null ? "authentication required" : e.getMessage());
        }
        if (request.body().length > MAX_BODY_BYTES) {
            throw ApiProblem.tooLarge("the request body is " + request.body().length + " bytes; at most "
                    + MAX_BODY_BYTES + " are accepted");
        }
        checkQueryParameters(request, route);
        String tenant = tenant(request, principal);
        Operation operation = route.operation().orElseThrow();
        String resourceId = route.idParameter().map(match.parameters()::get).orElse("");
        AccessDecision decision = AccessControl.decide(principal, tenant, operation,
                new Resource(tenant, route.kind(), resourceId));
        if (decision == AccessDecision.NOT_FOUND) {
            throw ApiProblem.notFound("no tenant '" + tenant + "'");
        }
        if (decision == AccessDecision.DENIED) {
            throw ApiProblem.forbidden("the caller's role in tenant '" + tenant + "' does not allow " + operation
                    + " (it takes the role " + weakestRoleFor(operation) + " or above)");
        }
        String listing = route.method() + " " + route.template() + " " + new TreeMap<>(match.parameters());
        return route.handler().handle(new ApiCall(request, principal, tenant, match.parameters(), listing, cursors));
    }

    /** Each query parameter once, and only those the route takes: a misspelt filter would silently match all. */
    private static void checkQueryParameters(HttpRequest request, Route route) {
        Checks checks = new Checks();
        for (Map.Entry<String, List<String>> e : new TreeMap<>(request.query()).entrySet()) {
            String name = e.getKey();
            if (!name.equals(TENANT_PARAMETER) && !route.queryParameters().contains(name)) {
                List<String> known = new ArrayList<>(new TreeSet<>(route.queryParameters()));
                known.add(0, TENANT_PARAMETER);
                checks.add(FieldError.query(RequestBody.printable(name), "is not a parameter of " + route.method()
                        + " " + route.template() + " (parameters: " + String.join(", ", known) + ")"));
            } else if (e.getValue().size() > 1) {
                checks.add(FieldError.query(name, "must be given once"));
            }
        }
        checks.done();
    }

    /**
     * The tenant named by the query parameter or the header (which must agree when both are given), else
     * the caller's only tenant.
     */
    private static String tenant(HttpRequest request, Principal principal) {
        Optional<String> inQuery = request.queryParam(TENANT_PARAMETER);
        Optional<String> inHeader = request.header(TENANT_HEADER).map(String::trim);
        if (inQuery.isPresent() && inHeader.isPresent() && !inQuery.get().equals(inHeader.get())) {
            throw ApiProblem.invalid(FieldError.header(TENANT_HEADER,
                    "names another tenant than the query parameter 'tenant'"));
        }
        if (inQuery.isPresent() || inHeader.isPresent()) {
            String tenant = inQuery.orElseGet(inHeader::get);
            try {
                return TenantIds.requireValid(tenant);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid(inQuery.isPresent()
                        ? FieldError.query(TENANT_PARAMETER, "must be a tenant id: 1 to 64 letters, digits, '.', '_' or '-'")
                        : FieldError.header(TENANT_HEADER, "must be a tenant id: 1 to 64 letters, digits, '.', '_' or '-'"));
            }
        }
        List<String> tenants = principal.tenants().stream().filter(t -> !principal.rolesIn(t).isEmpty())
                .sorted().toList();
        if (tenants.size() == 1) {
            return tenants.get(0);
        }
        if (tenants.isEmpty()) {
            throw ApiProblem.notFound("the caller has no role in any tenant");
        }
        throw ApiProblem.ambiguousTenant("the caller has roles in " + tenants.size() + " tenants ("
                + String.join(", ", tenants) + "): name one with the query parameter 'tenant' or the header "
                + TENANT_HEADER);
    }

    private static String weakestRoleFor(Operation operation) {
        for (Role role : List.of(Role.VIEWER, Role.AUDITOR, Role.CUSTODIAN, Role.ADMIN)) {
            if (role.allows(operation)) {
                return role.name().toLowerCase(Locale.ROOT);
            }
        }
        return "system";
    }

    private HttpResponse openApiDocument() {
        return new HttpResponse(200, ApiResponses.baseHeaders(ApiResponses.JSON), out -> out.write(openApiDocument));
    }

    private static byte[] readOpenApiDocument() {
        try (InputStream in = AdminApi.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.json", e);
        }
    }
}
