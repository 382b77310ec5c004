package io.keyledger.bench.serve;

import io.keyledger.bench.EventStream;
import io.keyledger.bench.Stores;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code keyledger serve} under load, as shipped: a child JVM runs the CLI jar's {@code serve} over a SQLite
 * database of {@code --keys} generated keys (the apply benchmark's event stream), with authentication on (a
 * viewer token from {@code keyledger token}, same home). {@code --clients} clients on loopback, each with one
 * kept-alive connection, send {@code GET --path} back to back: first {@code --warmup} requests each, not
 * measured, then {@code --requests} each. It prints the requests per second and the latency percentiles of
 * the measured ones, and the CPU each process used. Bounded: a fixed number of requests, each with a 30 s
 * timeout, and the server is stopped at the end whatever happened. Exits 1 if a request failed or was not
 * answered 200 with a page of keys.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.keyledger.bench.serve.ServeLoadHarness [--keys 1000]
 *     [--clients 64] [--warmup 300] [--requests 500] [--path '/keys?limit=50'] [--jar local/target/keyledger.jar]
 *     [--server-threads N] [--server-jvm-arg ARG]...</pre>
 */
public final class ServeLoadHarness {

    /** The tenant every generated key belongs to. */
    public static final String TENANT = "default";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SERVER_START = Duration.ofSeconds(120);

    /** What to run. */
    public record Options(int keys, int clients, int warmup, int requests, String path, Path jar, int serverThreads,
                          List<String> serverJvmArgs) {

        public static Options defaults() {
            return new Options(1000, 64, 300, 500, "/keys?limit=50", Path.of("local/target/keyledger.jar"), 0,
                    List.of());
        }

        Options with(String option, String value) {
            return switch (option) {
                case "--keys" -> new Options(Integer.parseInt(value), clients, warmup, requests, path, jar,
                        serverThreads, serverJvmArgs);
                case "--clients" -> new Options(keys, Integer.parseInt(value), warmup, requests, path, jar,
                        serverThreads, serverJvmArgs);
                case "--warmup" -> new Options(keys, clients, Integer.parseInt(value), requests, path, jar,
                        serverThreads, serverJvmArgs);
                case "--requests" -> new Options(keys, clients, warmup, Integer.parseInt(value), path, jar,
                        serverThreads, serverJvmArgs);
                case "--path" -> new Options(keys, clients, warmup, requests, value, jar, serverThreads, serverJvmArgs);
                case "--jar" -> new Options(keys, clients, warmup, requests, path, Path.of(value), serverThreads,
                        serverJvmArgs);
                case "--server-threads" -> new Options(keys, clients, warmup, requests, path, jar,
                        Integer.parseInt(value), serverJvmArgs);
                case "--server-jvm-arg" -> {
                    List<String> args = new ArrayList<>(serverJvmArgs);
                    args.add(value);
                    yield new Options(keys, clients, warmup, requests, path, jar, serverThreads, args);
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            };
        }
    }

    /**
     * The measured requests: how many, answered 200 with a page of keys, failed (no answer) or answered
     * otherwise; latency percentiles in microseconds; throughput; CPU seconds of the server and the clients.
     */
    public record Result(int requests, int ok, int failed, int notOk, long p50Micros, long p90Micros, long p99Micros,
                         long maxMicros, double seconds, double requestsPerSecond, double serverCpuSeconds,
                         double clientCpuSeconds, double serverSystemCpuShare, long bodyBytesPerResponse,
                         int reconnects, String firstProblem) {
    }

    private ServeLoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.defaults();
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                System.err.println("missing value of " + args[i]);
                System.exit(2);
            }
            try {
                options = options.with(args[i], args[++i]);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
        }
        Path dir = Files.createTempDirectory("keyledger-serve-load");
        Result r;
        try {
            r = run(options, dir);
        } finally {
            Stores.deleteTree(dir);
        }
        System.out.printf(Locale.ROOT, "%d keys; %d clients x %d requests of GET %s (after %d each to warm up)%n",
                options.keys(), options.clients(), options.requests(), options.path(), options.warmup());
        System.out.printf(Locale.ROOT, "%d requests: %d ok, %d failed, %d not 200 with a page%n", r.requests(), r.ok(),
                r.failed(), r.notOk());
        System.out.printf(Locale.ROOT, "%.0f requests/s over %.2f s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                        + "max %.2f ms%n", r.requestsPerSecond(), r.seconds(), r.p50Micros() / 1000.0,
                r.p90Micros() / 1000.0, r.p99Micros() / 1000.0, r.maxMicros() / 1000.0);
        System.out.printf(Locale.ROOT, "CPU while measured: server %.2f s (%.0f %% in the kernel), %.3f ms per request; "
                        + "clients %.2f s (%d cores)%n", r.serverCpuSeconds(), 100 * r.serverSystemCpuShare(),
                r.requests() == 0 ? 0 : 1000 * r.serverCpuSeconds() / r.requests(), r.clientCpuSeconds(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%,d bytes per response body; %d reconnects%n", r.bodyBytesPerResponse(),
                r.reconnects());
        if (!r.firstProblem().isEmpty()) {
            System.out.println("first problem: " + r.firstProblem());
        }
        System.exit(r.failed() == 0 && r.notOk() == 0 ? 0 : 1);
    }

    /** Builds the database and token in {@code dir}, starts the server, runs the load and stops the server. */
    public static Result run(Options options, Path dir) throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalArgumentException("no CLI jar at " + options.jar().toAbsolutePath()
                    + " (build it: mvn -B -ntp -pl local,bench -am package -DskipTests)");
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        populate(home.resolve("keyledger.db"), options.keys());
        String token = token(options, home, dir);
        Process server = startServer(options, home, dir);
        try {
            URI url = serverUrl(server, dir);
            return load(options, new InetSocketAddress(url.getHost(), url.getPort()), token, server);
        } finally {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        }
    }

    /** The apply benchmark's stream of key events, about five per key, applied into the database. */
    private static void populate(Path db, int keys) {
        EventStream stream = EventStream.generate(keys, keys * 5, 20260101);
        try (SqliteInventoryStore store = SqliteInventoryStore.open(db, CoreServices.systemClock())) {
            InventoryService ingest = CoreServices.of(store, CoreServices.systemClock(),
                    CoreSettings.DEFAULTS.withTenants(TenantResolver.single(TENANT)).withoutAnomalyDetection())
                    .inventory();
            List<KeyEvent> events = stream.events();
            for (int i = 0; i < events.size(); i += 500) {
                ingest.apply(events.subList(i, Math.min(events.size(), i + 500)));
            }
        }
    }

    private static String token(Options options, Path home, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("token.out");
        Path err = dir.resolve("token.err");
        Process p = new ProcessBuilder(java(), "-jar", options.jar().toString(), "token", "--home", home.toString(),
                "--tenant", TENANT, "--role", "viewer", "--subject", "load", "--ttl", "PT2H")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(SERVER_START.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("keyledger token did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("keyledger token failed: " + Files.readString(err));
        }
        return Files.readString(out).strip();
    }

    private static Process startServer(Options options, Path home, Path dir) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(options.serverJvmArgs());
        command.addAll(List.of("-jar", options.jar().toString(), "serve", "--home", home.toString(), "--port", "0"));
        if (options.serverThreads() > 0) {
            command.addAll(List.of("--threads", Integer.toString(options.serverThreads())));
        }
        return new ProcessBuilder(command).redirectError(dir.resolve("serve.err").toFile()).start();
    }

    /** The address the server prints once it listens. */
    private static URI serverUrl(Process server, Path dir) throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<String> line = reader.submit(() -> {
                BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                        StandardCharsets.UTF_8));
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    int at = l.indexOf("http://");
                    if (l.contains("listening on") && at >= 0) {
                        // the rest of its output is not read: drain it so that the server never blocks on it
                        Thread drain = new Thread(() -> drain(out), "serve-stdout");
                        drain.setDaemon(true);
                        drain.start();
                        return l.substring(at).split(" ")[0];
                    }
                }
                return "";
            });
            String url = line.get(SERVER_START.toSeconds(), TimeUnit.SECONDS);
            if (url.isEmpty()) {
                throw new IllegalStateException("keyledger serve stopped: " + Files.readString(dir.resolve("serve.err")));
            }
            return URI.create(url);
        } finally {
            reader.shutdownNow();
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discarded
            }
        } catch (IOException gone) {
            // the server ended
        }
    }

    private static Result load(Options options, InetSocketAddress address, String token, Process server)
            throws Exception {
        byte[] request = ("GET " + options.path() + " HTTP/1.1\r\nHost: " + address.getHostString() + ":"
                + address.getPort() + "\r\nAuthorization: Bearer " + token + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        int clients = options.clients();
        CyclicBarrier measuredStart = new CyclicBarrier(clients + 1);
        long[][] latencies = new long[clients][];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Client>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int index = c;
            running.add(pool.submit(() -> {
                Client client = new Client(address, request);
                try {
                    for (int i = 0; i < options.warmup(); i++) {
                        client.send();
                    }
                    client.resetCounts();
                    measuredStart.await();
                    latencies[index] = new long[options.requests()];
                    for (int i = 0; i < options.requests(); i++) {
                        long t = System.nanoTime();
                        client.send();
                        latencies[index][i] = (System.nanoTime() - t) / 1000;
                    }
                    return client;
                } finally {
                    client.close();
                }
            }));
        }
        measuredStart.await(SERVER_START.toSeconds() + (long) options.warmup() * REQUEST_TIMEOUT.toSeconds(),
                TimeUnit.SECONDS);
        long start = System.nanoTime();
        Duration serverCpuBefore = cpu(server);
        long[] serverTicksBefore = userAndSystemTicks(server);
        long clientCpuBefore = ownCpuNanos();
        List<Client> done = new ArrayList<>();
        for (Future<Client> f : running) {
            done.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double serverCpu = cpu(server).minus(serverCpuBefore).toNanos() / 1e9;
        long[] serverTicks = userAndSystemTicks(server);
        long user = serverTicks[0] - serverTicksBefore[0];
        long system = serverTicks[1] - serverTicksBefore[1];
        double clientCpu = (ownCpuNanos() - clientCpuBefore) / 1e9;
        pool.shutdownNow();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        int ok = done.stream().mapToInt(c -> c.ok).sum();
        int failed = done.stream().mapToInt(c -> c.failed).sum();
        int notOk = done.stream().mapToInt(c -> c.notOk).sum();
        int reconnects = done.stream().mapToInt(c -> c.reconnects).sum();
        long bodyBytes = done.stream().mapToLong(c -> c.bodyBytes).sum();
        String problem = done.stream().map(c -> c.firstProblem).filter(p -> !p.isEmpty()).findFirst().orElse("");
        return new Result(all.length, ok, failed, notOk, percentile(all, 0.50), percentile(all, 0.90),
                percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1], seconds, all.length / seconds,
                serverCpu, clientCpu, user + system == 0 ? 0 : (double) system / (user + system),
                all.length == 0 ? 0 : bodyBytes / all.length, reconnects, problem);
    }

    private static Duration cpu(Process p) {
        return p.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The process's user and system CPU in clock ticks, from /proc (zeros where there is none). */
    private static long[] userAndSystemTicks(Process p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            // the fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException unavailable) {
            return new long[] {0, 0};
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    /**
     * One client: a kept-alive connection, one request at a time, reconnecting when the server closes it
     * (it does after its requests per connection). Reads just enough HTTP/1.1 to find the end of a response.
     */
    private static final class Client {
        private final InetSocketAddress address;
        private final byte[] request;
        private final byte[] buffer = new byte[64 * 1024];
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private int start;
        private int end;
        int ok;
        int failed;
        int notOk;
        int reconnects;
        long bodyBytes;
        String firstProblem = "";

        Client(InetSocketAddress address, byte[] request) {
            this.address = address;
            this.request = request;
        }

        void resetCounts() {
            ok = 0;
            failed = 0;
            notOk = 0;
            reconnects = 0;
            bodyBytes = 0;
        }

        void send() {
            try {
                if (socket == null) {
                    connect();
                }
                out.write(request);
                out.flush();
                Response r = read();
                if (r.status() == 200 && r.pageOfKeys()) {
                    ok++;
                } else {
                    notOk++;
                    problem("answered " + r.status() + (r.status() == 200 ? " without a page of keys" : ""));
                }
                if (r.close()) {
                    close();
                }
            } catch (IOException | RuntimeException e) {
                failed++;
                problem(e.toString());
                close();
            }
        }

        private void problem(String text) {
            if (firstProblem.isEmpty()) {
                firstProblem = text;
            }
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            socket.connect(address, (int) REQUEST_TIMEOUT.toMillis());
            in = socket.getInputStream();
            out = socket.getOutputStream();
            start = 0;
            end = 0;
            reconnects++;
        }

        private record Response(int status, boolean close, boolean pageOfKeys) {
        }

        private Response read() throws IOException {
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            boolean page;
            if (chunked) {
                page = false;
                boolean first = true;
                for (int size = chunkSize(); size > 0; size = chunkSize()) {
                    page |= first && startsWith(size, "{\"items\":[{\"id\":");
                    first = false;
                    skip(size);
                    bodyBytes += size;
                    if (!line().isEmpty()) {
                        throw new IOException("a chunk longer than its size");
                    }
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                page = startsWith((int) Math.min(length, Integer.MAX_VALUE), "{\"items\":[{\"id\":");
                skip(length);
                bodyBytes += length;
            } else {
                throw new IOException("a response without a length");
            }
            return new Response(status, close, page);
        }

        private int chunkSize() throws IOException {
            String l = line();
            int semi = l.indexOf(';');
            return Integer.parseInt((semi < 0 ? l : l.substring(0, semi)).strip(), 16);
        }

        /** Whether the next bytes of a body of {@code available} bytes start with {@code prefix}. */
        private boolean startsWith(int available, String prefix) throws IOException {
            int n = Math.min(available, prefix.length());
            while (end - start < n) {
                if (!fill()) {
                    throw new IOException("the connection ended inside a response");
                }
            }
            return n == prefix.length()
                    && new String(buffer, start, n, StandardCharsets.ISO_8859_1).equals(prefix);
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                if (start == end && !fill()) {
                    throw new IOException("the connection ended inside a response");
                }
                int k = (int) Math.min(n, end - start);
                start += k;
                n -= k;
            }
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder(64);
            while (true) {
                if (start == end && !fill()) {
                    throw new IOException("the connection ended inside a response");
                }
                byte b = buffer[start++];
                if (b == '\n') {
                    int len = s.length();
                    return len > 0 && s.charAt(len - 1) == '\r' ? s.substring(0, len - 1) : s.toString();
                }
                s.append((char) (b & 0xFF));
                if (s.length() > 16 * 1024) {
                    throw new IOException("a response line longer than 16 KiB");
                }
            }
        }

        private boolean fill() throws IOException {
            if (start == end) {
                start = 0;
                end = 0;
            } else if (end == buffer.length) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                return false;
            }
            end += n;
            return true;
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
