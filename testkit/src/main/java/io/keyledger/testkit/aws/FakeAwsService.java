package io.keyledger.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The shared machinery of the wire-level AWS fakes: an HTTP server on 127.0.0.1 (an ephemeral port)
 * that the real SDK clients reach through {@code endpointOverride}, the caller's identity read from the
 * Signature Version 4 {@code Authorization} header (access key id, Region, service; the signature
 * itself is not checked), a log of every request, and the protocols' error forms.
 */
public abstract class FakeAwsService implements AutoCloseable {

    static {
        // Without it the JDK server writes a response's head and body in two segments, and the second waits
        // for the client's delayed ACK (40 ms a request on Linux). Read when the first server is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Pattern CREDENTIAL = Pattern.compile(
            "Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");

    /** One request as the fake received it. */
    public record Request(String operation, String accessKeyId, String account, String region, String service,
                          Map<String, List<String>> headers, String body) {
    }

    /** An AWS error the fake answers with. */
    public static final class AwsError extends RuntimeException {
        final int status;
        final String code;

        public AwsError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    protected final FakeCredentials credentials;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicLong requestIds = new AtomicLong();

    protected FakeAwsService(FakeCredentials credentials) {
        this.credentials = credentials;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, getClass().getSimpleName() + "-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** Where the SDK client's {@code endpointOverride} points. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received so far, in order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Request> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    /** The operations received so far, each once, in the order first received. */
    public synchronized Set<String> operations() {
        Set<String> out = new LinkedHashSet<>();
        requests.forEach(r -> out.add(r.operation()));
        return out;
    }

    public synchronized long count(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The operation a request asks for (from X-Amz-Target, the path or the Action parameter). */
    protected abstract String operation(HttpExchange exchange, String body);

    /** Answers one request: writes the response, or throws an {@link AwsError}. */
    protected abstract void answer(HttpExchange exchange, Request request) throws IOException;

    /** Writes an error in the service's protocol. */
    protected abstract void error(HttpExchange exchange, AwsError error) throws IOException;

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
            Matcher m = CREDENTIAL.matcher(auth);
            String accessKeyId = m.find() ? m.group(1) : "";
            String region = accessKeyId.isEmpty() ? "" : m.group(3);
            String service = accessKeyId.isEmpty() ? "" : m.group(4);
            String operation = operation(exchange, body);
            Request request = new Request(operation, accessKeyId, credentials.accountOf(accessKeyId).orElse(""),
                    region, service, Map.copyOf(exchange.getRequestHeaders()), body);
            synchronized (this) {
                requests.add(request);
            }
            try {
                if (accessKeyId.isEmpty()) {
                    throw new AwsError(403, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
                }
                if (request.account().isEmpty()) {
                    throw new AwsError(403, "UnrecognizedClientException",
                            "The security token included in the request is invalid.");
                }
                answer(exchange, request);
            } catch (AwsError e) {
                error(exchange, e);
            }
        } catch (RuntimeException e) {
            // A bug in the fake itself: answer 500 so that the test sees it rather than hangs.
            byte[] text = ("fake failed: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, text.length);
            exchange.getResponseBody().write(text);
        }
    }

    protected String requestId() {
        return new UUID(0x6b65796c65646765L, requestIds.incrementAndGet()).toString();
    }

    protected void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId());
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    protected static JsonNode json(String body) {
        if (body.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw new AwsError(400, "SerializationException", "Start of structure or map found where not expected.");
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw new AwsError(400, "SerializationException", "Malformed JSON request: " + e.getOriginalMessage());
        }
    }

    /** An integer page size within [1, max], or the default when absent; otherwise the given validation error. */
    protected static int limit(JsonNode body, String member, String wireName, int dflt, int max, String errorCode) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber()) {
            throw new AwsError(400, "SerializationException", "STRING_VALUE can not be converted to an Integer");
        }
        int n = v.asInt();
        if (n < 1) {
            throw new AwsError(400, errorCode, "1 validation error detected: Value '" + n + "' at '" + wireName
                    + "' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        if (n > max) {
            throw new AwsError(400, errorCode, "1 validation error detected: Value '" + n + "' at '" + wireName
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return n;
    }

    /** Opaque page tokens: the offset of the next item, as AWS's are opaque strings. */
    protected static String token(String listing, int offset) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token names, or -1 if it is not a token of this listing. */
    protected static int offset(String listing, String token) {
        try {
            String text = new String(java.util.Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(listing + ":")) {
                return -1;
            }
            return Integer.parseInt(text.substring(listing.length() + 1));
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
