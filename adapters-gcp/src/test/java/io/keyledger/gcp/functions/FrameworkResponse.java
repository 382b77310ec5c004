package io.keyledger.gcp.functions;

import com.google.cloud.functions.HttpResponse;
import io.keyledger.core.json.Json;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** What an {@code HttpFunction} answered: status, headers and body, as the Functions Framework collects them. */
final class FrameworkResponse implements HttpResponse {

    private int status = 200;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override
    public void setStatusCode(int code) {
        status = code;
    }

    @Override
    public void setStatusCode(int code, String message) {
        status = code;
    }

    @Override
    public void setContentType(String contentType) {
        headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
    }

    @Override
    public Optional<String> getContentType() {
        return Optional.ofNullable(headers.get("Content-Type")).map(v -> v.get(0));
    }

    @Override
    public void appendHeader(String header, String value) {
        headers.computeIfAbsent(header, h -> new ArrayList<>()).add(value);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public OutputStream getOutputStream() {
        return body;
    }

    @Override
    public BufferedWriter getWriter() {
        return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }

    int status() {
        return status;
    }

    String text() {
        return body.toString(StandardCharsets.UTF_8);
    }

    JsonNode json() {
        return Json.mapper().readTree(text());
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).map(v -> v.get(0));
    }
}
