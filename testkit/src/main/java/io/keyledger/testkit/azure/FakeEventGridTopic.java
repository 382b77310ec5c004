package io.keyledger.testkit.azure;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An Event Grid custom topic on 127.0.0.1 that the real {@code EventGridPublisherClient} publishes to, with
 * the topic's documented behaviour: {@code POST /api/events?api-version=...}, authenticated by the
 * {@code aeg-sas-key} header (an access key) or a bearer token; a CloudEvents 1.0 topic takes
 * {@code application/cloudevents-batch+json} arrays of events with {@code specversion}, {@code id},
 * {@code source} and {@code type}, at most 1 MB a request, and answers 200 with an empty body; errors are
 * {@code {"error": {"code", "message"}}} with 400 (a malformed event), 401 (no or a wrong key), 413 (too large).
 * Tests can make the next requests fail ({@link #failNext}), as a throttled or unavailable topic does.
 */
public final class FakeEventGridTopic implements AutoCloseable {

    static {
        // See FakeAwsService: without it each answer waits for the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Event Grid's limit on one publish request. */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;

    /** One publish request as the topic received it. */
    public record Publish(String contentType, String apiVersion, boolean keyAuthenticated, List<JsonNode> events) {
    }

    private final String accessKey;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Publish> published = new ArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private int requests;

    /** @param accessKey the topic's access key, which {@code aeg-sas-key} must carry */
    public FakeEventGridTopic(String accessKey) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "FakeEventGridTopic-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    /**
     * The topic endpoint the publisher client is built with, {@code https://127.0.0.1:<port>/api/events}, as the
     * client wants for its credentials; build the client with a {@link PlainLoopbackTransport}, which sends to
     * this plain-HTTP fake.
     */
    public String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/api/events";
    }

    /** Answers the next {@code count} requests with {@code status} (503: unavailable, 429: throttled, ...). */
    public synchronized void failNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            failures.add(status);
        }
    }

    /** Every request the topic accepted, in order. */
    public synchronized List<Publish> published() {
        return List.copyOf(published);
    }

    /** Every event of every accepted request, in order. */
    public synchronized List<JsonNode> events() {
        return published.stream().flatMap(p -> p.events().stream()).toList();
    }

    /** Requests received, accepted or not. */
    public synchronized int requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_REQUEST_BYTES + 1);
            Integer failure;
            synchronized (this) {
                requests++;
                failure = failures.poll();
            }
            if (failure != null) {
                error(exchange, failure, failure == 429 ? "TooManyRequests" : "ServiceUnavailable",
                        "the fake topic was told to fail this request");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/api/events")) {
                error(exchange, 404, "NotFound", "no such endpoint: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath());
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("aeg-sas-key");
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            boolean keyAuth = accessKey.equals(key);
            if (!keyAuth && (bearer == null || !bearer.startsWith("Bearer "))) {
                error(exchange, 401, "Unauthorized", "The request authorization key is not authorized for "
                        + "this topic. Provide a valid key in the aeg-sas-key header.");
                return;
            }
            if (body.length > MAX_REQUEST_BYTES) {
                error(exchange, 413, "RequestEntityTooLarge", "The maximum size (1536000) has been exceeded.");
                return;
            }
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents-batch+json")) {
                error(exchange, 400, "BadRequest", "This resource is configured to receive event in "
                        + "'CloudEventV10' schema. The JSON received does not conform to the expected schema.");
                return;
            }
            List<JsonNode> events = new ArrayList<>();
            try {
                JsonNode array = Json.mapper().readTree(new String(body, StandardCharsets.UTF_8));
                if (array == null || !array.isArray()) {
                    throw new IllegalArgumentException("expected an array of CloudEvents");
                }
                for (JsonNode event : array) {
                    for (String required : List.of("specversion", "id", "source", "type")) {
                        if (!event.path(required).isString() || event.path(required).asString().isEmpty()) {
                            throw new IllegalArgumentException("a CloudEvent lacks its required attribute '" + required
                                    + "'");
                        }
                    }
                    if (!"1.0".equals(event.path("specversion").asString())) {
                        throw new IllegalArgumentException("specversion must be 1.0");
                    }
                    events.add(event);
                }
            } catch (JacksonException | IllegalArgumentException e) {
                error(exchange, 400, "BadRequest", e.getMessage());
                return;
            }
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String apiVersion = query.startsWith("api-version=") ? query.substring("api-version=".length()) : "";
            synchronized (this) {
                published.add(new Publish(contentType, apiVersion, keyAuth, List.copyOf(events)));
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] bytes = Json.write(java.util.Map.of("error", java.util.Map.of("code", code, "message", message)))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
