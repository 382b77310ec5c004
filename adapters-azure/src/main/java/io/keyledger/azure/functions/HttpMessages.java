package io.keyledger.azure.functions;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Functions worker's HTTP messages as the provider-neutral {@link HttpRequest} and {@link HttpResponse},
 * and back. The worker hands a whole body in and takes a whole body out, so a response is written into
 * memory, at most {@value #MAX_RESPONSE_BYTES} bytes: larger answers (an unfiltered report of a very large
 * inventory) get a problem that says to narrow or page the request, instead of exhausting the instance.
 */
final class HttpMessages {

    /** Functions' own request limit (100 MB) serves as the response limit too. */
    static final int MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

    private HttpMessages() {
    }

    /**
     * The request, its path taken from the raw URI (percent-encoding kept, since key ids hold '/') after
     * {@code base}, and its query read from the raw URI too, every value of a repeated parameter kept.
     */
    static HttpRequest request(HttpRequestMessage<Optional<String>> message, String base) {
        URI uri = message.getUri();
        String raw = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String path = raw.startsWith(base) ? raw.substring(base.length()) : raw;
        byte[] body = message.getBody() == null ? new byte[0]
                : message.getBody().map(b -> b.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        return new HttpRequest(message.getHttpMethod().name(), path.isEmpty() ? "/" : path, query(uri.getRawQuery()),
                message.getHeaders() == null ? Map.of() : message.getHeaders(), body, Optional.empty());
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /**
     * The response as the worker takes it: status, headers, the whole body; a {@code Location} relative to the
     * API's root ({@code /sweeps/<id>}) is made relative to the host, {@code base} before it.
     */
    static HttpResponseMessage response(HttpRequestMessage<?> request, HttpResponse response, String base) {
        byte[] body;
        try {
            body = bounded(response);
        } catch (ResponseTooLarge e) {
            return response(request, Problems.of(500, "Response too large", "the answer exceeds the "
                    + MAX_RESPONSE_BYTES + " bytes an Azure function returns; narrow the request with filters, or page it"),
                    base);
        }
        HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatusType.custom(response.status()));
        response.headers().forEach((name, value) -> builder.header(name,
                name.equalsIgnoreCase("Location") && value.startsWith("/") ? base + value : value));
        if (body.length > 0) {
            builder.body(body);
        }
        return builder.build();
    }

    private static byte[] bounded(HttpResponse response) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                check(1);
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                check(len);
                buffer.write(b, off, len);
            }

            private void check(int more) {
                if ((long) buffer.size() + more > MAX_RESPONSE_BYTES) {
                    throw new ResponseTooLarge();
                }
            }
        };
        try {
            response.body().writeTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static final class ResponseTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResponseTooLarge() {
            super("response too large", null, false, false);
        }
    }
}
