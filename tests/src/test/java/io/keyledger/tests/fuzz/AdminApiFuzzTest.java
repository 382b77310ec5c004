package io.keyledger.tests.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keyledger.core.access.Role;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.functions.api.AdminApi;
import io.keyledger.functions.api.CursorSeal;
import io.keyledger.functions.auth.LocalTokenIssuer;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.report.ReportService;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API's request handling on fuzzed requests: methods, raw paths (percent-encoding, key ids with their
 * slashes), query parameters, headers, bodies, page cursors (real ones, edited) and bearer tokens (real local
 * tokens of each role, expired, edited, made up), over an inventory of two tenants. Whatever the request, the
 * answer is not a 5xx, its body streams to the end, and every refusal is an RFC 9457 problem whose status is the
 * answer's. One request may allocate at most 32 MiB plus 4 KiB per input byte.
 */
class AdminApiFuzzTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final InputBudget BUDGET = new InputBudget(32L << 20, 4096);
    private static final KeyRef ACME_AWS = Fixtures.awsKey("111122223333", "1234abcd-12ab-34cd-56ef-1234567890ab");
    private static final KeyRef ACME_GCP = Fixtures.gcpKey("acme-project", "payments");
    private static final KeyRef ACME_AZURE = Fixtures.azureKey("acme-subscription", "orders");
    private static final KeyRef BETA_AWS = Fixtures.awsKey("444455556666", "beta0000-0000-0000-0000-000000000000");
    private static final List<KeyRef> KEYS = List.of(ACME_AWS, ACME_GCP, ACME_AZURE, BETA_AWS);
    private static final List<String> METHODS = List.of("GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS");
    private static final List<String> TEMPLATES = List.of("/keys", "/keys/{id}", "/keys/{id}/history",
            "/keys/{id}/ledger", "/keys/{id}/annotations", "/keys/{id}/compromise", "/legal-holds", "/alerts",
            "/alerts/{id}/acknowledge", "/sweeps", "/sweeps/{id}", "/reports/{id}", "/ledger/verify", "/openapi.json");
    private static final List<String> PARAMETERS = List.of("tenant", "limit", "cursor", "provider", "account", "state",
            "owner", "algorithm", "aiUsage", "responsibility", "q", "format", "from", "to", "status", "scope", "keyId");
    private static final List<String> VALUES = List.of("", "0", "1", "-1", "1000", "1001", "99999999999", "acme",
            "beta", "gamma", "ACTIVE", "active", "aws", "AZURE", "gcp", "csv", "json", "cbom", "html", "true", "false",
            "tenant", "key", "open", "acknowledged", "2026-01-01T00:00:00Z", "2026-13-01", "%", "%zz", "\u0000", "..",
            "inventory", "changes", "sweeps", "evidence", "pqc", "rotation", "AES-256", "CUSTOMER");
    private static final List<String> BODY_FIELDS = List.of("owner", "usageServices", "aiServices", "aiCategories",
            "responsibilityParty", "responsibilityMode", "classification", "jurisdiction", "retentionClass",
            "changeReference", "reason", "scope", "keyId");
    private static final byte[] CURSOR_KEY = "a cursor key for the fuzz target".getBytes(StandardCharsets.UTF_8);
    private static final List<String> TOKENS = tokens();
    /** The cursor of every fresh inventory's first page of acme's keys: the same, since the cursor key is. */
    private static final Optional<String> CURSOR = Inventory.cursor();

    @FuzzTest
    void request(FuzzedDataProvider data) {
        int size = data.remainingBytes();
        HttpRequest request = request(data, CURSOR);
        BUDGET.spend(size, () -> check(request, new Inventory().api.apply(request)));
    }

    /** A fresh inventory of two tenants for each request, so that every finding replays alone. */
    private static final class Inventory {
        final AdminApi api;

        Inventory() {
            MutableClock clock = new MutableClock(T0);
            InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
            TenantMapping tenants = new TenantMapping(Map.of("aws:111122223333", "acme", "gcp:acme-project", "acme",
                    "azure:acme-subscription", "acme", "aws:444455556666", "beta"), "default");
            CoreServices services = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withTenants(tenants));
            Instant t = T0.minus(Duration.ofDays(30));
            services.inventory().apply(List.of(
                    Fixtures.event("e-aws-1", t, Action.CREATE, ACME_AWS, Map.of("algorithm", "AES-256",
                            "owner", "team-payments", "tag.env", "prod")),
                    Fixtures.event("e-gcp-1", t.plusSeconds(60), Action.CREATE, ACME_GCP, Map.of("algorithm", "EC-P256")),
                    Fixtures.event("e-az-1", t.plusSeconds(120), Action.CREATE, ACME_AZURE, Map.of("algorithm", "RSA-3072")),
                    Fixtures.event("e-az-2", t.plusSeconds(180), Action.DESTROY, ACME_AZURE),
                    Fixtures.event("e-beta-1", t, Action.CREATE, BETA_AWS, Map.of("algorithm", "AES-256"))));
            services.retention().placeHold("beta", Optional.empty(), "matter 2026-2", "legal@beta");
            AtomicInteger ids = new AtomicInteger();
            api = new AdminApi(services, Issuer.AT_T0.authenticator(), ReportService.of(services),
                    (tenant, by) -> "sweep-" + tenant, () -> "api-fuzz-" + ids.incrementAndGet(),
                    new CursorSeal(CURSOR_KEY));
        }

        /** A real cursor of the first page of acme's keys, for the fuzzer to send back, edited or not. */
        static Optional<String> cursor() {
            AdminApi api = new Inventory().api;
            HttpResponse page = api.apply(new HttpRequest("GET", "/keys", Map.of("limit", List.of("1")),
                    Map.of("Authorization", "Bearer " + TOKENS.get(0)), new byte[0], Optional.empty()));
            JsonNode next = Json.mapper().readTree(page.bodyBytes()).path("nextCursor");
            return next.isString() ? Optional.of(next.asString()) : Optional.empty();
        }
    }

    private static HttpRequest request(FuzzedDataProvider data, Optional<String> cursor) {
        String method = data.consumeInt(0, 9) < 9 ? data.pickValue(METHODS) : data.consumeString(8);
        String path = path(data);
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            String name = data.consumeInt(0, 7) < 7 ? data.pickValue(PARAMETERS) : data.consumeString(12);
            String value = switch (data.consumeInt(0, 3)) {
                case 0 -> data.pickValue(VALUES);
                case 1 -> cursor.map(c -> edit(c, data)).orElse("");
                default -> data.consumeString(48);
            };
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        switch (data.consumeInt(0, 5)) {
            case 0 -> { }
            case 1 -> headers.put("Authorization", "Bearer " + edit(data.pickValue(TOKENS), data));
            case 2 -> headers.put("Authorization", data.consumeString(64));
            default -> headers.put("Authorization", "Bearer " + data.pickValue(TOKENS));
        }
        if (data.consumeBoolean()) {
            headers.put(AdminApi.TENANT_HEADER, data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(16));
        }
        if (data.consumeBoolean()) {
            headers.put("Idempotency-Key", data.consumeString(32));
        }
        if (data.consumeBoolean()) {
            headers.put(data.pickValue(List.of("Content-Type", "Accept", "User-Agent", "X-Request-Id", "Connection")),
                    data.consumeString(32));
        }
        byte[] body = switch (data.consumeInt(0, 3)) {
            case 0 -> new byte[0];
            case 1 -> data.consumeBytes(512);
            default -> Json.write(body(data)).getBytes(StandardCharsets.UTF_8);
        };
        return new HttpRequest(method, path, query, headers, body, Optional.of("127.0.0.1"));
    }

    private static String path(FuzzedDataProvider data) {
        if (data.consumeInt(0, 5) == 5) {
            return "/" + data.consumeString(96);
        }
        String template = data.pickValue(TEMPLATES);
        String id = switch (data.consumeInt(0, 5)) {
            case 0, 1 -> encode(data.pickValue(KEYS).id());
            case 2 -> data.pickValue(List.of("inventory", "changes", "sweeps", "evidence", "pqc", "rotation",
                    "sweep-acme", "al-0000"));
            case 3 -> data.pickValue(KEYS).id();
            case 4 -> encode(data.consumeString(64));
            default -> data.consumeString(64);
        };
        String path = template.replace("{id}", id);
        return data.consumeInt(0, 7) == 7 ? path + "/" + data.consumeString(16) : path;
    }

    private static ObjectNode body(FuzzedDataProvider data) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (int i = data.consumeInt(0, 5); i > 0; i--) {
            String name = data.consumeInt(0, 7) < 7 ? data.pickValue(BODY_FIELDS) : data.consumeString(16);
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            body.set(name, switch (data.consumeInt(0, 5)) {
                case 0 -> nodes.stringNode(data.pickValue(VALUES));
                case 1 -> nodes.arrayNode().add(data.consumeString(24)).add(data.pickValue(VALUES));
                case 2 -> nodes.numberNode(data.consumeLong());
                case 3 -> data.consumeBoolean() ? nodes.nullNode() : nodes.booleanNode(true);
                case 4 -> nodes.stringNode(data.pickValue(KEYS).id());
                default -> nodes.stringNode(data.consumeString(300));
            });
        }
        return data.consumeBoolean() ? body : (ObjectNode) JsonMutations.mutate(body, data);
    }

    /** The text with a character changed, cut short, or extended: a tampered cursor or token. */
    private static String edit(String text, FuzzedDataProvider data) {
        if (text.isEmpty() || !data.consumeBoolean()) {
            return text;
        }
        int at = data.consumeInt(0, text.length() - 1);
        return switch (data.consumeInt(0, 2)) {
            case 0 -> text.substring(0, at) + data.consumeAsciiString(1) + text.substring(at + 1);
            case 1 -> text.substring(0, at);
            default -> text + data.consumeAsciiString(8);
        };
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Not a 5xx, the body streams whole, and a refusal is a problem+json that says its status. */
    private static void check(HttpRequest request, HttpResponse response) {
        String what = request.method() + " " + request.path() + " " + request.query();
        if (response.status() >= 500 || response.status() < 200) {
            throw new AssertionError(response.status() + " for " + what);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            response.body().writeTo(out);
        } catch (IOException e) {
            throw new AssertionError("the body of the answer to " + what + " failed while streaming", e);
        }
        if (response.status() >= 400) {
            if (!response.contentType().startsWith("application/problem+json")) {
                throw new AssertionError(response.status() + " for " + what + " is " + response.contentType());
            }
            JsonNode problem;
            try {
                problem = Json.mapper().readTree(out.toByteArray());
            } catch (JacksonException e) {
                throw new AssertionError("the problem answering " + what + " is not JSON", e);
            }
            if (problem.path("status").asInt() != response.status()) {
                throw new AssertionError("the problem answering " + what + " says status " + problem.path("status"));
            }
        }
    }

    /** The local token issuer, on a signing key made once for the target. */
    private static final class Issuer {
        static final Path HOME = home();
        static final LocalTokenIssuer AT_T0 = LocalTokenIssuer.inDirectory(HOME, MutableClock.at(T0.toString()));

        private static Path home() {
            try {
                Path dir = Files.createTempDirectory("keyledger-api-fuzz");
                dir.toFile().deleteOnExit();
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Tokens of each role, of two tenants at once, of a tenant with no data, and one expired an hour ago. */
    private static List<String> tokens() {
        LocalTokenIssuer issuer = Issuer.AT_T0;
        Duration hour = Duration.ofHours(1);
        List<String> tokens = new ArrayList<>();
        tokens.add(issuer.issue("acme-admin", Map.of("acme", EnumSet.of(Role.ADMIN)), hour));
        for (Role role : List.of(Role.VIEWER, Role.AUDITOR, Role.CUSTODIAN)) {
            tokens.add(issuer.issue("acme-" + role, Map.of("acme", EnumSet.of(role)), hour));
        }
        tokens.add(issuer.issue("beta-admin", Map.of("beta", EnumSet.of(Role.ADMIN)), hour));
        tokens.add(issuer.issue("both", Map.of("acme", EnumSet.of(Role.CUSTODIAN), "beta", EnumSet.of(Role.VIEWER)), hour));
        tokens.add(issuer.issue("gamma-admin", Map.of("gamma", Set.of(Role.ADMIN)), hour));
        LocalTokenIssuer earlier = LocalTokenIssuer.inDirectory(Issuer.HOME,
                MutableClock.at(T0.minus(Duration.ofHours(3)).toString()));
        tokens.add(earlier.issue("acme-admin", Map.of("acme", EnumSet.of(Role.ADMIN)), hour));
        return List.copyOf(tokens);
    }
}
