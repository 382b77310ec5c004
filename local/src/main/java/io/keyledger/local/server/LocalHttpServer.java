package io.keyledger.local.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyledger.functions.api.AdminApi;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves a request handler (the admin API) on the loopback interface only, with the JDK's HTTP server:
 * no web framework, so the local jar stays small and starts at once. Response bodies are streamed
 * (chunked), so a large report never sits in memory.
 */
public final class LocalHttpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalHttpServer.class.getName());

    /** The most a request body may carry (a partner's feed); the handler applies each route's own limit. */
    static final int MAX_BODY_BYTES = AdminApi.MAX_IMPORT_BODY_BYTES;

    private final HttpServer server;
    private final ExecutorService workers;

    private LocalHttpServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Starts serving on 127.0.0.1:{@code port} (0: any free port). */
    public static LocalHttpServer start(int port, int threads, Function<HttpRequest, HttpResponse> handler)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "keyledger-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", exchange -> handle(exchange, handler));
        server.start();
        return new LocalHttpServer(server, workers);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://" + address().getAddress().getHostAddress() + ":" + address().getPort();
    }

    private static void handle(HttpExchange exchange, Function<HttpRequest, HttpResponse> handler) throws IOException {
        try (exchange) {
            Optional<byte[]> body = readBody(exchange.getRequestBody());
            if (body.isEmpty()) {
                send(exchange, HttpResponse.of(413, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                                + "\"detail\":\"the request body is larger than " + MAX_BODY_BYTES + " bytes\"}"));
                return;
            }
            HttpResponse response;
            try {
                response = handler.apply(toRequest(exchange, body.get()));
            } catch (RuntimeException e) {
                // The handler answers its own errors; this is the last line of defence, without details.
                LOG.log(Level.SEVERE, "request failed: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath(), e);
                response = HttpResponse.of(500, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                                + "\"detail\":\"the request could not be completed\"}");
            }
            send(exchange, response);
        }
    }

    private static HttpRequest toRequest(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        URI uri = exchange.getRequestURI();
        return new HttpRequest(exchange.getRequestMethod(), uri.getRawPath(), query(uri.getRawQuery()), headers, body,
                Optional.of(exchange.getRemoteAddress().getAddress().getHostAddress()));
    }

    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The body, or empty if it is larger than {@link #MAX_BODY_BYTES}. */
    private static Optional<byte[]> readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(bytes);
    }

    private static void send(HttpExchange exchange, HttpResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = response.status() == 204 || response.status() == 304
                || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : 0);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                response.body().writeTo(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
    }
}
