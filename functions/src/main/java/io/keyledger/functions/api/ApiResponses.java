package io.keyledger.functions.api;

import io.keyledger.core.json.Json;
import io.keyledger.functions.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** JSON and problem responses, with the headers every answer of the API carries. */
final class ApiResponses {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final byte[] PAGE_START = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAGE_CURSOR = "],\"nextCursor\":".getBytes(StandardCharsets.US_ASCII);

    private ApiResponses() {
    }

    /**
     * Inventory data is sensitive and changes all the time: no cache keeps it, and no browser guesses
     * another type than the one given.
     */
    static Map<String, String> baseHeaders(String contentType) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }

    static HttpResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    static HttpResponse json(int status, Object body, Map<String, String> extraHeaders) {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        Map<String, String> headers = baseHeaders(JSON);
        headers.putAll(extraHeaders);
        return new HttpResponse(status, headers, out -> out.write(bytes));
    }

    static HttpResponse noContent() {
        Map<String, String> headers = baseHeaders("");
        headers.remove("Content-Type");
        return new HttpResponse(204, headers, HttpResponse.Body.EMPTY);
    }

    /** A page of items and the cursor of the next page (null on the last). */
    static Map<String, Object> page(List<?> items, Optional<String> nextCursor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("nextCursor", nextCursor.orElse(null));
        return m;
    }

    /**
     * A page of items already rendered as JSON objects, answered 200: the same text as {@link #json} writes
     * for {@link #page} of the items, without building the page as objects first.
     */
    static HttpResponse jsonPage(List<byte[]> items, Optional<String> nextCursor) {
        byte[] cursor = Json.mapper().writeValueAsBytes(nextCursor.orElse(null));
        return new HttpResponse(200, baseHeaders(JSON), out -> {
            out.write(PAGE_START);
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(items.get(i));
            }
            out.write(PAGE_CURSOR);
            out.write(cursor);
            out.write('}');
        });
    }

    /** An RFC 9457 problem; {@code instance} is the request's path. */
    static HttpResponse problem(ApiProblem p, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("instance", instance);
        if (!p.errors().isEmpty()) {
            body.put("errors", p.errors().stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("in", e.in());
                m.put("field", e.field());
                m.put("detail", e.detail());
                return m;
            }).toList());
        }
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        Map<String, String> headers = baseHeaders(PROBLEM_JSON);
        headers.putAll(p.headers());
        return new HttpResponse(p.status(), headers, out -> out.write(bytes));
    }
}
