package io.keyledger.functions.api;

import io.keyledger.core.key.KeyRef;
import io.keyledger.functions.http.HttpRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a test request as a platform would hand it over: raw path, decoded query parameters. */
final class Req {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private Optional<String> sourceIp = Optional.of("203.0.113.9");

    Req(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** "/keys/{encoded id}" followed by {@code suffix}. */
    static String keyPath(KeyRef key, String suffix) {
        return "/keys/" + encode(key.id()) + suffix;
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Req query(String name, String value) {
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    Req tenant(String tenant) {
        return query("tenant", tenant);
    }

    Req header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Req json(String json) {
        header("Content-Type", "application/json");
        return body(json.getBytes(StandardCharsets.UTF_8));
    }

    Req body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    Req sourceIp(Optional<String> ip) {
        this.sourceIp = ip;
        return this;
    }

    HttpRequest build() {
        return new HttpRequest(method, path, query, headers, body, sourceIp);
    }
}
