package io.keyledger.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * openapi.json against the router, both ways: every route is documented with exactly its query
 * parameters, every documented operation is routed, and the document holds together ($refs resolve,
 * security and problem answers are where they belong).
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    private final JsonNode doc = read();
    private final List<Route> routes = new ApiHarness().api.routes();

    private static JsonNode read() {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> out = new TreeMap<>();
        for (String path : doc.path("paths").propertyNames()) {
            JsonNode item = doc.path("paths").path(path);
            for (String method : item.propertyNames()) {
                if (METHODS.contains(method)) {
                    out.put(method.toUpperCase(Locale.ROOT) + " " + path, item.path(method));
                }
            }
        }
        return out;
    }

    private JsonNode resolve(JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        String ref = node.path("$ref").asString();
        assertThat(ref).startsWith("#/");
        JsonNode target = doc;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
        return resolve(target);
    }

    /** The parameters of an operation, its path item's included, resolved. */
    private List<JsonNode> parameters(String path, JsonNode operation) {
        List<JsonNode> out = new ArrayList<>();
        doc.path("paths").path(path).path("parameters").forEach(p -> out.add(resolve(p)));
        operation.path("parameters").forEach(p -> out.add(resolve(p)));
        return out;
    }

    @Test
    void isOpenApi31WithBearerSecurity() {
        assertThat(doc.path("openapi").asString()).isEqualTo("3.1.0");
        JsonNode scheme = doc.path("components").path("securitySchemes").path("bearerAuth");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(doc.path("security").get(0).has("bearerAuth")).isTrue();
    }

    @Test
    void documentsEveryRouteAndRoutesEveryDocumentedOperation() {
        Set<String> routed = new TreeSet<>();
        routes.forEach(r -> routed.add(r.method() + " " + r.template()));

        assertThat(operations().keySet()).isEqualTo(routed);
    }

    @Test
    void documentsExactlyTheQueryParametersEachRouteTakes() {
        Map<String, JsonNode> operations = operations();
        for (Route route : routes) {
            JsonNode operation = operations.get(route.method() + " " + route.template());
            Set<String> documented = new TreeSet<>();
            for (JsonNode p : parameters(route.template(), operation)) {
                if (p.path("in").asString().equals("query")) {
                    documented.add(p.path("name").asString());
                }
            }
            Set<String> taken = new TreeSet<>(route.queryParameters());
            if (route.authenticated()) {
                taken.add(AdminApi.TENANT_PARAMETER);
            }
            assertThat(documented).as(route.method() + " " + route.template()).isEqualTo(taken);
        }
    }

    @Test
    void documentsEachPathParameterOfEachRoute() {
        Map<String, JsonNode> operations = operations();
        for (Route route : routes) {
            Set<String> inTemplate = new TreeSet<>();
            route.templateSegments().stream().filter(Route::isParameter)
                    .forEach(s -> inTemplate.add(s.substring(1, s.length() - 1)));
            Set<String> documented = new TreeSet<>();
            for (JsonNode p : parameters(route.template(), operations.get(route.method() + " " + route.template()))) {
                if (p.path("in").asString().equals("path")) {
                    assertThat(p.path("required").asBoolean()).isTrue();
                    documented.add(p.path("name").asString());
                }
            }
            assertThat(documented).as(route.template()).isEqualTo(inTemplate);
        }
    }

    @Test
    void onlyTheDocumentItselfIsOpenAndEveryOtherOperationDocumentsItsProblems() {
        Map<String, JsonNode> operations = operations();
        for (Route route : routes) {
            JsonNode operation = operations.get(route.method() + " " + route.template());
            if (!route.authenticated()) {
                assertThat(operation.path("security").isArray() && operation.path("security").isEmpty()).isTrue();
                continue;
            }
            assertThat(operation.has("security")).as(route.template()).isFalse();
            Set<String> statuses = new HashSet<>(operation.path("responses").propertyNames());
            assertThat(statuses).as(route.method() + " " + route.template()).contains("400", "401", "403", "404", "500");
            for (String status : List.of("400", "401", "403", "404", "500")) {
                JsonNode response = resolve(operation.path("responses").path(status));
                assertThat(resolve(response.path("content").path("application/problem+json").path("schema"))
                        .path("required")).isNotEmpty();
            }
            if (route.method().equals("POST")) {
                assertThat(statuses).as(route.template()).contains("413", "415");
            }
            assertThat(operation.path("description").asString()).as(route.template())
                    .contains(route.operation().orElseThrow().name());
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            assertThat(target.isMissingNode()).as(ref).isFalse();
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                refs.add(node.path("$ref").asString());
            }
            node.forEach(child -> collectRefs(child, refs));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    @Test
    void theKeySchemaHasTheFieldsTheApiWrites() {
        ApiHarness h = new ApiHarness();
        JsonNode key = h.call(ApiHarness.as("acme-viewer", "GET", Req.keyPath(ApiHarness.ACME_AWS, ""))).json();
        JsonNode schema = doc.path("components").path("schemas").path("Key");

        assertThat(new TreeSet<>(schema.path("properties").propertyNames()))
                .isEqualTo(new TreeSet<>(key.propertyNames()));
    }

    @Test
    void theProblemSchemaHasTheFieldsTheApiWrites() {
        ApiHarness h = new ApiHarness();
        JsonNode problem = h.call(ApiHarness.as("acme-viewer", "GET", "/keys").query("limit", "0")).json();
        JsonNode schema = doc.path("components").path("schemas").path("Problem");

        assertThat(new TreeSet<>(schema.path("properties").propertyNames()))
                .isEqualTo(new TreeSet<>(problem.propertyNames()));
    }
}
