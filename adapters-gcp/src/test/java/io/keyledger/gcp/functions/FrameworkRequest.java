package io.keyledger.gcp.functions;

import com.google.cloud.functions.HttpRequest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as the Functions Framework hands it to an {@code HttpFunction}: the full URL, the path,
 * the decoded query, headers by case-insensitive name, and the body.
 */
final class FrameworkRequest implements HttpRequest {

    private final String method;
    private final URI uri;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];

    private FrameworkRequest(String method, String url) {
        this.method = method;
        this.uri = URI.create(url);
    }

    static FrameworkRequest of(String method, String url) {
        return new FrameworkRequest(method, url);
    }

    FrameworkRequest header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    FrameworkRequest bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    FrameworkRequest body(String contentType, byte[] content) {
        header("Content-Type", contentType);
        this.body = content.clone();
        return this;
    }

    FrameworkRequest json(String content) {
        return body("application/json", content.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getUri() {
        return uri.toString();
    }

    @Override
    public String getPath() {
        return uri.getPath();
    }

    @Override
    public Optional<String> getQuery() {
        return Optional.ofNullable(uri.getRawQuery());
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                out.computeIfAbsent(decode(kv[0]), k -> new ArrayList<>()).add(kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public Map<String, HttpPart> getParts() {
        return Map.of();
    }

    @Override
    public Optional<String> getContentType() {
        return getFirstHeader("Content-Type");
    }

    @Override
    public long getContentLength() {
        return body.length;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
        return Optional.of("UTF-8");
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
