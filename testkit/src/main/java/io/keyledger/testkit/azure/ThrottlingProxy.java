package io.keyledger.testkit.azure;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP proxy in front of a storage endpoint (Azurite's Table service) that answers some requests itself,
 * as the service does when it throttles: {@code 503 ServerBusy} (Azure Storage) or {@code 429 TooManyRequests}
 * (Cosmos DB for Table), with {@code Retry-After} and the service's JSON error body. A throttled request never reaches
 * the service, as a throttled request is not processed. Everything else is forwarded unchanged, so the real client
 * talks to the real emulator through the real HTTP stack.
 *
 * <p>Faults come from a seeded random: each request starts a burst of throttled answers with the given rate; one
 * burst in four is longer than the client's retries, so that its caller sees the failure too.
 */
public final class ThrottlingProxy implements AutoCloseable {

    /** Headers the JDK's client sets itself, and hop-by-hop headers. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "throttling-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Random random;
    private final double rate;
    private final int longBurst;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong throttled429 = new AtomicLong();
    private final AtomicLong throttled503 = new AtomicLong();
    private int burstLeft;
    private volatile boolean enabled = true;

    private ThrottlingProxy(URI target, long seed, double rate, int longBurst) throws IOException {
        this.target = target;
        this.random = new Random(seed);
        this.rate = rate;
        this.longBurst = longBurst;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * A proxy to {@code target} ({@code http://127.0.0.1:<port>}) on a free loopback port.
     *
     * @param rate      the share of requests that start a burst of throttled answers
     * @param longBurst the length of a long burst: more than the client's retries make its caller see the failure
     */
    public static ThrottlingProxy start(URI target, long seed, double rate, int longBurst) {
        try {
            return new ThrottlingProxy(target, seed, rate, longBurst);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the throttling proxy", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: where the client is to be pointed instead of the target. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every request is forwarded. */
    public void disable() {
        enabled = false;
    }

    public long forwarded() {
        return forwarded.get();
    }

    public long throttled429() {
        return throttled429.get();
    }

    public long throttled503() {
        return throttled503.get();
    }

    /** Whether this request is answered by the proxy, and how: 0 for forwarding, else 429 or 503. */
    private synchronized int fault() {
        if (!enabled) {
            return 0;
        }
        if (burstLeft == 0 && random.nextDouble() < rate) {
            burstLeft = random.nextInt(4) == 0 ? longBurst : 1;
        }
        if (burstLeft == 0) {
            return 0;
        }
        burstLeft--;
        return random.nextBoolean() ? 429 : 503;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int fault = fault();
            if (fault != 0) {
                throttle(exchange, fault);
                return;
            }
            forward(exchange, body);
        } catch (RuntimeException | IOException e) {
            // a broken forward is the client's I/O error, as a dropped connection would be
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private void throttle(HttpExchange exchange, int status) throws IOException {
        String code = status == 429 ? "TooManyRequests" : "ServerBusy";
        String message = status == 429 ? "The request rate is too large. Please retry after some time."
                : "The server is busy.";
        byte[] error = ("{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\""
                + message + "\"}}}").getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8");
        headers.set("x-ms-error-code", code);
        headers.set("Retry-After", "1");
        if (status == 429) {
            // Cosmos DB's own hint, in milliseconds, beside the standard header
            headers.set("x-ms-retry-after-ms", "20");
            throttled429.incrementAndGet();
        } else {
            throttled503.incrementAndGet();
        }
        exchange.sendResponseHeaders(status, error.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(error);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                h.getValue().forEach(v -> request.header(h.getKey(), v));
            }
        }
        HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        forwarded.incrementAndGet();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !lower.startsWith(":") && !lower.equals("date")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] out = response.body();
        boolean noBody = out.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : out.length);
        if (!noBody) {
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
