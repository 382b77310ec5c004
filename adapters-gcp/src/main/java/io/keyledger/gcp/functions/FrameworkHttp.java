package io.keyledger.gcp.functions;

import io.keyledger.core.json.Json;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Between the Functions Framework's HTTP request and response and KeyLedger's plain ones: the body read
 * up to a limit, the raw path, decoded query, headers and the caller's address; the answer written
 * (streamed, so that a large report is not held in memory); and the problems that happen before
 * KeyLedger's API sees the request, in the API's own RFC 9457 form.
 */
final class FrameworkHttp {

    static final String INVALID = "urn:keyledger:problem:invalid-request";
    static final String TOO_LARGE = "urn:keyledger:problem:request-too-large";

    /** The body is larger than the function takes. */
    static final class BodyTooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(int limit) {
            super("the request body is larger than " + limit + " bytes", null, false, false);
        }
    }

    private FrameworkHttp() {
    }

    /** The whole body, refused past {@code limit} bytes (the declared length is not trusted). */
    static byte[] body(com.google.cloud.functions.HttpRequest request, int limit) throws IOException, BodyTooLarge {
        if (request.getContentLength() > limit) {
            throw new BodyTooLarge(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > limit) {
                    throw new BodyTooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    /**
     * The request as KeyLedger's API reads it. The path is the raw one (key ids hold encoded '/'), without
     * the function's name in front when the caller went through the {@code cloudfunctions.net} address.
     */
    static HttpRequest toApiRequest(com.google.cloud.functions.HttpRequest request, byte[] body,
                                    Optional<String> functionName) {
        String path = rawPath(request);
        if (functionName.isPresent()) {
            String prefix = "/" + functionName.get();
            if (path.equals(prefix)) {
                path = "/";
            } else if (path.startsWith(prefix + "/")) {
                path = path.substring(prefix.length());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        Map<String, List<String>> query = new LinkedHashMap<>(request.getQueryParameters());
        return new HttpRequest(request.getMethod(), path, query, headers, body, callerAddress(request));
    }

    /** The path as sent, still percent-encoded. */
    static String rawPath(com.google.cloud.functions.HttpRequest request) {
        try {
            String raw = URI.create(request.getUri()).getRawPath();
            if (raw != null && !raw.isEmpty()) {
                return raw;
            }
        } catch (IllegalArgumentException e) {
            // not a URI the JDK reads: the framework's own path below
        }
        String path = request.getPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** Google's front end puts the caller first in X-Forwarded-For. */
    static Optional<String> callerAddress(com.google.cloud.functions.HttpRequest request) {
        return request.getFirstHeader("X-Forwarded-For")
                .map(v -> v.split(",", 2)[0].trim())
                .filter(v -> !v.isEmpty());
    }

    /** Writes KeyLedger's answer: status, headers, then the body streamed. */
    static void write(HttpResponse answer, com.google.cloud.functions.HttpResponse response) throws IOException {
        response.setStatusCode(answer.status());
        answer.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                response.setContentType(value);
            } else {
                response.appendHeader(name, value);
            }
        });
        try (OutputStream out = response.getOutputStream()) {
            answer.body().writeTo(out);
        }
    }

    /** An RFC 9457 problem, with the headers every answer of the API carries. */
    static void problem(com.google.cloud.functions.HttpResponse response, int status, String type, String title,
                        String detail, String path) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", path);
        json(response, status, "application/problem+json", body);
    }

    /** A JSON answer that no cache keeps. */
    static void json(com.google.cloud.functions.HttpResponse response, int status, String contentType, Object body)
            throws IOException {
        response.setStatusCode(status);
        response.setContentType(contentType);
        response.appendHeader("Cache-Control", "no-store");
        response.appendHeader("X-Content-Type-Options", "nosniff");
        try (OutputStream out = response.getOutputStream()) {
            out.write(Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
