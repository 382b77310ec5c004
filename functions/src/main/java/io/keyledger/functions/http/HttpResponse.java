package io.keyledger.functions.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A plain HTTP response. The body is written, not held, so that a report of a million keys streams
 * to the caller; a platform that needs the whole body (a Lambda function URL) calls {@link #bodyBytes}.
 */
public record HttpResponse(int status, Map<String, String> headers, Body body) {

    /** Writes the response body; may be called once. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;

        Body EMPTY = out -> { };
    }

    public HttpResponse {
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(Objects.requireNonNull(headers, "headers"));
        headers = java.util.Collections.unmodifiableMap(sorted);
        Objects.requireNonNull(body, "body");
    }

    public static HttpResponse of(int status, String contentType, byte[] content) {
        return new HttpResponse(status, Map.of("Content-Type", contentType), out -> out.write(content));
    }

    public static HttpResponse of(int status, String contentType, String content) {
        return of(status, contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse empty(int status) {
        return new HttpResponse(status, Map.of(), Body.EMPTY);
    }

    public String contentType() {
        return headers.getOrDefault("Content-Type", "");
    }

    /** The whole body in memory. */
    public byte[] bodyBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            body.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
