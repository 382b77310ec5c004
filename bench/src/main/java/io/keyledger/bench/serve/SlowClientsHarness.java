package io.keyledger.bench.serve;

import io.keyledger.core.access.Role;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.functions.api.AdminApi;
import io.keyledger.functions.api.CursorSeal;
import io.keyledger.functions.auth.LocalTokenIssuer;
import io.keyledger.functions.report.ReportService;
import io.keyledger.local.server.LocalHttpServer;
import io.keyledger.local.server.ServerLimits;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import io.keyledger.testkit.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The local server as {@code keyledger serve} runs it (the admin API over SQLite, bearer tokens of the local
 * issuer), under slow and idle clients and load, on loopback only, stopping by itself: {@code --idle} connections
 * that send nothing, {@code --slow} clients that trickle their headers a byte every 100 ms (slowloris), while
 * {@code --clients} clients send {@code --requests} requests each, every client in one of two tenants: key listings
 * (every other one the next page, by its cursor), single keys and histories. It prints how many requests
 * succeeded, failed or took a 5xx, how many answers held another tenant's keys, the latency percentiles, the
 * throughput, and how the slow and idle clients ended (408, closed). Exits 1 if any load request failed, took a
 * 5xx, or saw another tenant's data.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.keyledger.bench.serve.SlowClientsHarness [--idle 48] [--slow 48]
 *     [--clients 32] [--requests 200] [--keys 500] [--timeout-seconds 10]</pre>
 */
public final class SlowClientsHarness {

    private static final String[] TENANTS = {"acme", "beta"};
    private static final String[] ACCOUNTS = {"111111111111", "222222222222"};

    /**
     * @param crossTenant answers that held a key of another tenant than the caller's
     * @param refused     connections the server answered 503 (over its connection limit)
     */
    public record Result(int requests, int ok, int failed, int serverErrors, int crossTenant, long p50Micros,
                         long p99Micros, double requestsPerSecond, int slowAnswered408, int idleClosed, int refused) {
    }

    private SlowClientsHarness() {
    }

    public static void main(String[] args) throws Exception {
        int idle = 48;
        int slow = 48;
        int clients = 32;
        int requests = 200;
        int keys = 500;
        int timeoutSeconds = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--idle" -> idle = v;
                case "--slow" -> slow = v;
                case "--clients" -> clients = v;
                case "--requests" -> requests = v;
                case "--keys" -> keys = v;
                case "--timeout-seconds" -> timeoutSeconds = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // the header timeout as given; the body and idle timeouts keep their ratio to it in the defaults (10, 30, 30 s)
        Duration header = Duration.ofSeconds(timeoutSeconds);
        ServerLimits limits = ServerLimits.DEFAULTS.withTimeouts(header, header.multipliedBy(3), header.multipliedBy(3));
        Path dir = Files.createTempDirectory("keyledger-slow-clients");
        Result r = run(dir, idle, slow, clients, requests, keys, limits);
        System.out.printf(Locale.ROOT, "admin API over SQLite, %d keys in 2 tenants; header timeout %d s, idle %d s, at most "
                        + "%d connections%n", keys, header.toSeconds(), limits.idleTimeout().toSeconds(),
                limits.maxConnections());
        System.out.printf(Locale.ROOT, "%d idle and %d slowloris connections held open; %d clients x %d requests%n",
                idle, slow, clients, requests);
        System.out.printf(Locale.ROOT, "load: %d requests, %d ok, %d failed, %d 5xx, %d with another tenant's data; "
                        + "p50 %.2f ms, p99 %.2f ms; %.0f requests/s%n", r.requests(), r.ok(), r.failed(),
                r.serverErrors(), r.crossTenant(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.requestsPerSecond());
        System.out.printf(Locale.ROOT, "slow clients answered 408: %d of %d; idle connections closed by the server: %d of "
                + "%d; connections refused (503): %d%n", r.slowAnswered408(), slow, r.idleClosed(), idle, r.refused());
        System.exit(r.failed() == 0 && r.serverErrors() == 0 && r.crossTenant() == 0 ? 0 : 1);
    }

    /** Runs the whole scenario on a database and a token key in {@code dir}. */
    public static Result run(Path dir, int idle, int slow, int clients, int requests, int keys, ServerLimits limits)
            throws Exception {
        Clock clock = CoreServices.systemClock();
        try (SqliteInventoryStore store = SqliteInventoryStore.open(dir.resolve("keyledger.db"), clock)) {
            CoreServices services = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withoutAnomalyDetection()
                    .withTenants(new TenantMapping(Map.of("aws:" + ACCOUNTS[0], TENANTS[0], "aws:" + ACCOUNTS[1],
                            TENANTS[1]), "default")));
            List<String> ids = seed(services, keys);
            LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(dir, clock);
            String[] tokens = new String[TENANTS.length];
            for (int t = 0; t < TENANTS.length; t++) {
                tokens[t] = issuer.issue("load-" + TENANTS[t], Map.of(TENANTS[t], EnumSet.of(Role.AUDITOR)),
                        Duration.ofHours(1));
            }
            AdminApi api = new AdminApi(services, issuer.authenticator(), ReportService.of(services),
                    (tenant, by) -> {
                        throw new IllegalStateException("no sweeps in this harness");
                    }, CursorSeal.random());
            try (LocalHttpServer server = LocalHttpServer.start(0, 8, api, limits)) {
                return load(server, idle, slow, clients, requests, ids, tokens, limits);
            }
        }
    }

    /** {@code keys} keys, alternately in the two tenants; their ids, tenant by tenant. */
    private static List<String> seed(CoreServices services, int keys) {
        List<KeyEvent> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            var key = Fixtures.awsKey(ACCOUNTS[k % 2], "key-" + k);
            ids.add(key.id());
            events.add(Fixtures.event("create-" + k, Fixtures.T0.plusSeconds(k), Action.CREATE, key,
                    Map.of("algorithm", "AES-256", "owner", "team-" + (k % 5))));
            events.add(Fixtures.event("tag-" + k, Fixtures.T0.plusSeconds(keys + k), Action.TAG, key,
                    Map.of("tag.Environment", "prod")));
        }
        for (int from = 0; from < events.size(); from += 500) {
            services.inventory().apply(events.subList(from, Math.min(events.size(), from + 500)));
        }
        return ids;
    }

    private static Result load(LocalHttpServer server, int idle, int slow, int clients, int requests, List<String> ids,
                               String[] tokens, ServerLimits limits) throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<Future<Boolean>> idlers = new ArrayList<>();
            for (int i = 0; i < idle; i++) {
                idlers.add(pool.submit(() -> idleClient(server, limits)));
            }
            List<Future<Boolean>> trickles = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                trickles.add(pool.submit(() -> slowloris(server, limits)));
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger crossTenant = new AtomicInteger();
            long[] latencies = new long[clients * requests];
            AtomicInteger n = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int tenant = c % 2;
                load.add(pool.submit(() -> {
                    Optional<String> cursor = Optional.empty();
                    for (int i = 0; i < requests; i++) {
                        String target = target(i, tenant, ids, cursor);
                        long t = System.nanoTime();
                        java.net.http.HttpResponse<String> response;
                        try {
                            response = http.send(HttpRequest.newBuilder(URI.create(server.url() + target))
                                            .header("Authorization", "Bearer " + tokens[tenant])
                                            .timeout(Duration.ofSeconds(60)).build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString());
                        } catch (IOException | InterruptedException e) {
                            response = null;
                        }
                        latencies[n.getAndIncrement()] = (System.nanoTime() - t) / 1000;
                        if (response == null || response.statusCode() != 200 && response.statusCode() < 500) {
                            failed.incrementAndGet();
                        } else if (response.statusCode() >= 500) {
                            errors.incrementAndGet();
                        } else {
                            ok.incrementAndGet();
                            JsonNode body = Json.mapper().readTree(response.body());
                            if (holdsAnotherTenant(body, TENANTS[tenant])) {
                                crossTenant.incrementAndGet();
                            }
                            if (target.startsWith("/keys?")) {
                                cursor = Optional.ofNullable(body.path("nextCursor").asString(null));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : load) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int answered = 0;
            for (Future<Boolean> f : trickles) {
                answered += f.get() ? 1 : 0;
            }
            int closed = 0;
            for (Future<Boolean> f : idlers) {
                closed += f.get() ? 1 : 0;
            }
            long[] sorted = Arrays.copyOf(latencies, n.get());
            Arrays.sort(sorted);
            return new Result(n.get(), ok.get(), failed.get(), errors.get(), crossTenant.get(), percentile(sorted, 0.5),
                    percentile(sorted, 0.99), n.get() / seconds, answered, closed, server.refusedConnections());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Request {@code i} of a client of {@code tenant}: a listing (the next page every other time), a key, a history. */
    private static String target(int i, int tenant, List<String> ids, Optional<String> cursor) {
        // ids alternate between the tenants: an even count keeps every index of the tenant's parity
        String id = URLEncoder.encode(ids.get((2 * i + tenant) % (ids.size() - ids.size() % 2)), StandardCharsets.UTF_8);
        return switch (i % 4) {
            case 0 -> "/keys?limit=50";
            case 1 -> "/keys?limit=50" + cursor.map(c -> "&cursor=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                    .orElse("");
            case 2 -> "/keys/" + id;
            default -> "/keys/" + id + "/history";
        };
    }

    /** Whether an answer names a tenant other than the caller's anywhere ({@code "tenant"} members). */
    private static boolean holdsAnotherTenant(JsonNode node, String tenant) {
        if (node.isObject()) {
            JsonNode t = node.get("tenant");
            if (t != null && t.isString() && !t.asString().equals(tenant)) {
                return true;
            }
            for (var e : node.properties()) {
                if (holdsAnotherTenant(e.getValue(), tenant)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (holdsAnotherTenant(item, tenant)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    /** Connects and sends nothing: true once the server has closed the connection (read ends) before ours times out. */
    private static boolean idleClient(LocalHttpServer server, ServerLimits limits) throws IOException {
        try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
            s.setSoTimeout((int) limits.idleTimeout().plus(limits.headerTimeout()).toMillis() * 2);
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // an answer (none is expected) is read to its end
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** Sends a request line and then one header byte every 100 ms: true when answered 408. */
    private static boolean slowloris(LocalHttpServer server, ServerLimits limits) throws IOException {
        try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
            s.setSoTimeout(100);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("GET /keys HTTP/1.1\r\nX-A: ".getBytes(StandardCharsets.ISO_8859_1));
            byte[] answer = new byte[12];
            // trickles for twice the header timeout at most (100 ms a byte), far under the 16 KiB of headers
            long bytes = limits.headerTimeout().toMillis() / 50;
            for (long i = 0; i < bytes; i++) {
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                try {
                    int got = in.readNBytes(answer, 0, 12);
                    return new String(answer, 0, got, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 408");
                } catch (SocketTimeoutException waitMore) {
                    // not answered yet: trickle another byte
                }
            }
            return false;
        }
    }
}
