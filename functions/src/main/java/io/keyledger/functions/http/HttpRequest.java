package io.keyledger.functions.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A plain HTTP request, as each cloud's HTTP function and the local server hand it over.
 *
 * @param path     the path as sent, still percent-encoded, without the query
 *                 ("/keys/aws%3Aarn%3Aaws%3Akms%3Aus-east-1%3A111122223333%3Akey%2Fabc/history"): key ids
 *                 contain '/', so only the raw path tells a path segment from an encoded '/' inside one
 * @param query    query parameters by name, decoded, each with its values in order
 * @param headers  headers by lower-case name (a repeated header joined with ", ")
 * @param body     the raw body (empty when none)
 * @param sourceIp the caller's address, when the platform tells it
 */
public record HttpRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                          byte[] body, Optional<String> sourceIp) {

    public HttpRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(Objects.requireNonNull(query, "query"));
        TreeMap<String, String> lower = new TreeMap<>();
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(sourceIp, "sourceIp");
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
