package io.keyledger.bench.serve;

import io.keyledger.functions.http.HttpResponse;
import io.keyledger.local.server.LocalHttpServer;
import io.keyledger.local.server.ServerLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local server under slow and idle clients and load, on loopback only, stopping by itself: {@code --idle}
 * connections that send nothing, {@code --slow} clients that trickle their headers a byte at a time
 * (slowloris), while {@code --clients} clients send {@code --requests} requests each. It prints how many
 * requests succeeded, failed or took a 5xx, the latency percentiles, the throughput, and how the slow and
 * idle clients ended (408 or closed). Exits 1 if any load request failed.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.keyledger.bench.serve.SlowClientsHarness [--idle 64] [--slow 64]
 *     [--clients 32] [--requests 200]</pre>
 */
public final class SlowClientsHarness {

    public record Result(int requests, int ok, int failed, int serverErrors, long p50Micros, long p99Micros,
                         double requestsPerSecond, int slowAnswered408, int idleClosed, int refused) {
    }

    private SlowClientsHarness() {
    }

    public static void main(String[] args) throws Exception {
        int idle = 64;
        int slow = 64;
        int clients = 32;
        int requests = 200;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--idle" -> idle = v;
                case "--slow" -> slow = v;
                case "--clients" -> clients = v;
                case "--requests" -> requests = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Result r = run(idle, slow, clients, requests, ServerLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(2)));
        System.out.printf(Locale.ROOT, "%d idle and %d slowloris connections held open; %d clients x %d requests%n",
                idle, slow, clients, requests);
        System.out.printf(Locale.ROOT, "load: %d requests, %d ok, %d failed, %d 5xx; p50 %.2f ms, p99 %.2f ms; %.0f requests/s%n",
                r.requests(), r.ok(), r.failed(), r.serverErrors(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0,
                r.requestsPerSecond());
        System.out.printf(Locale.ROOT, "slow clients answered 408: %d of %d; idle connections closed: %d of %d; "
                + "connections refused (503): %d%n", r.slowAnswered408(), slow, r.idleClosed(), idle, r.refused());
        System.exit(r.failed() == 0 && r.serverErrors() == 0 ? 0 : 1);
    }

    public static Result run(int idle, int slow, int clients, int requests, ServerLimits limits) throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(0, 8, request -> HttpResponse.of(200, "application/json",
                "{\"path\":\"" + request.path().length() + "\"}"), limits)) {
            ExecutorService pool = Executors.newCachedThreadPool();
            List<Future<Boolean>> idlers = new ArrayList<>();
            for (int i = 0; i < idle; i++) {
                idlers.add(pool.submit(() -> idleClient(server)));
            }
            List<Future<Boolean>> trickles = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                trickles.add(pool.submit(() -> slowloris(server)));
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            long[] latencies = new long[clients * requests];
            AtomicInteger n = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                load.add(pool.submit(() -> {
                    for (int i = 0; i < requests; i++) {
                        long t = System.nanoTime();
                        try {
                            var response = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/keys/" + i))
                                    .timeout(Duration.ofSeconds(30)).build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() >= 500) {
                                errors.incrementAndGet();
                            } else {
                                ok.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException e) {
                            failed.incrementAndGet();
                        }
                        latencies[n.getAndIncrement()] = (System.nanoTime() - t) / 1000;
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
            pool.shutdownNow();
            long[] sorted = Arrays.copyOf(latencies, n.get());
            Arrays.sort(sorted);
            return new Result(n.get(), ok.get(), failed.get(), errors.get(), percentile(sorted, 0.5),
                    percentile(sorted, 0.99), n.get() / seconds, answered, closed, server.refusedConnections());
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    /** Connects and sends nothing: true once the server has closed the connection. */
    private static boolean idleClient(LocalHttpServer server) throws IOException {
        try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
            s.setSoTimeout(60_000);
            return s.getInputStream().read() < 0 || true;
        }
    }

    /** Sends a request line and then one header byte every 100 ms: true when answered 408. */
    private static boolean slowloris(LocalHttpServer server) throws IOException {
        try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
            s.setSoTimeout(100);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("GET /slow HTTP/1.1\r\nX-A: ".getBytes(StandardCharsets.ISO_8859_1));
            byte[] answer = new byte[12];
            for (int i = 0; i < 600; i++) {
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                try {
                    int got = in.readNBytes(answer, 0, 12);
                    return new String(answer, 0, got, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 408");
                } catch (java.net.SocketTimeoutException waitMore) {
                    // not answered yet: trickle another byte
                }
            }
            return false;
        }
    }
}
