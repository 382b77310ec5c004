package io.keyledger.local.server;

import io.keyledger.functions.http.HttpRequest;
import io.keyledger.functions.http.HttpResponse;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Serves a request handler (the admin API) over HTTP/1.1 on the loopback interface only. It is KeyLedger's
 * own small server rather than the JDK's, because every phase of a request needs its own deadline and every
 * refusal must be an RFC 9457 problem: the request line and headers must arrive within
 * {@link ServerLimits#headerTimeout()} (however slowly they trickle), the body within
 * {@link ServerLimits#bodyTimeout()}, a kept-alive connection is closed after
 * {@link ServerLimits#idleTimeout()} without a request or after {@link ServerLimits#requestsPerConnection()}
 * requests, and a client that stops reading its response is disconnected after the idle timeout. Reading and
 * writing take one thread per open connection (at most {@link ServerLimits#maxConnections()}); handling takes
 * one of {@code threads} permits, so that slow or idle clients never hold what the others need. The request
 * target is never parsed as a URI: the raw path goes to the handler, which answers a bad one itself. Response
 * bodies are streamed (chunked), so a large report never sits in memory.
 */
public final class LocalHttpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalHttpServer.class.getName());
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int MAX_HEADERS = 100;
    private static final byte[] CRLF = {'\r', '\n'};
    /**
     * A response body goes out in chunks of this size, through a connection buffer twice as large: a page of
     * keys (tens of KB) then takes two or three writes to the socket, not two per 8 KB.
     */
    private static final int CHUNK_BYTES = 32 * 1024;
    private static final int OUTPUT_BUFFER_BYTES = 2 * CHUNK_BYTES;

    private final ServerSocket socket;
    private final Function<HttpRequest, HttpResponse> handler;
    private final ServerLimits limits;
    private final Semaphore handling;
    private final ExecutorService connections;
    private final ScheduledExecutorService watchdog;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private LocalHttpServer(ServerSocket socket, int threads, Function<HttpRequest, HttpResponse> handler,
                            ServerLimits limits) {
        this.socket = socket;
        this.handler = handler;
        this.limits = limits;
        this.handling = new Semaphore(threads, true);
        this.connections = Executors.newCachedThreadPool(daemon("keyledger-http"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("keyledger-http-watchdog"));
        this.acceptor = daemon("keyledger-http-accept").newThread(this::acceptLoop);
    }

    /** Starts serving on 127.0.0.1:{@code port} (0: any free port) within the default limits. */
    public static LocalHttpServer start(int port, int threads, Function<HttpRequest, HttpResponse> handler)
            throws IOException {
        return start(port, threads, handler, ServerLimits.DEFAULTS);
    }

    /** Starts serving on 127.0.0.1:{@code port} (0: any free port), handling at most {@code threads} requests at once. */
    public static LocalHttpServer start(int port, int threads, Function<HttpRequest, HttpResponse> handler,
                                        ServerLimits limits) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        LocalHttpServer server = new LocalHttpServer(socket, threads, handler, limits);
        long tick = Math.max(10, Math.min(1000, limits.idleTimeout().toMillis() / 4));
        server.watchdog.scheduleAtFixedRate(server::cutStalledWriters, tick, tick, TimeUnit.MILLISECONDS);
        server.acceptor.start();
        return server;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://" + address().getAddress().getHostAddress() + ":" + address().getPort();
    }

    /** Connections answered 503 because {@link ServerLimits#maxConnections()} were open. */
    public int refusedConnections() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "accept failed", e);
                }
                continue;
            }
            if (open.size() >= limits.maxConnections()) {
                refused.incrementAndGet();
                connections.execute(() -> refuse(client));
                continue;
            }
            Connection c = new Connection(client);
            open.add(c);
            connections.execute(() -> {
                try {
                    c.serve();
                } finally {
                    open.remove(c);
                    c.close();
                }
            });
        }
    }

    private void refuse(Socket client) {
        try (client) {
            client.setSoTimeout(1000);
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            writeProblem(out, new HttpError(503, "Service Unavailable", "the server has " + limits.maxConnections()
                    + " connections open, its most; try again shortly"), true);
        } catch (IOException ignored) {
            // the client is gone: nothing to tell it
        }
    }

    /** A client that has read nothing of its response for the idle timeout holds a thread for nothing. */
    private void cutStalledWriters() {
        long now = System.nanoTime();
        for (Connection c : open) {
            long since = c.writingSince;
            if (since != 0 && now - since > limits.idleTimeout().toNanos()) {
                c.close();
            }
        }
    }

    /** A request the server refuses before the handler sees it. */
    private static final class HttpError extends Exception {
        final int status;
        final String title;

        HttpError(int status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }
    }

    private record Head(String method, String target, boolean http11, Map<String, String> headers) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /** One client connection: requests read and answered in turn. */
    private final class Connection {
        private final Socket client;
        private final DeadlineInput deadlineInput;
        private final InputStream in;
        private OutputStream out;
        private ChunkedOutput chunks;
        volatile long writingSince;

        Connection(Socket client) {
            this.client = client;
            InputStream raw;
            try {
                raw = client.getInputStream();
            } catch (IOException e) {
                raw = InputStream.nullInputStream();
            }
            this.deadlineInput = new DeadlineInput(raw, client);
            this.in = new BufferedInputStream(deadlineInput, 8192);
        }

        void serve() {
            try {
                client.setTcpNoDelay(true);
                out = new BufferedOutputStream(client.getOutputStream(), OUTPUT_BUFFER_BYTES);
                for (int served = 1; served <= limits.requestsPerConnection() && !closed; served++) {
                    deadlineInput.until(limits.idleTimeout(), false);
                    int first;
                    try {
                        first = in.read();
                    } catch (SocketTimeoutException idle) {
                        return;
                    }
                    if (first < 0) {
                        return;
                    }
                    if (!serveOne(first, served == limits.requestsPerConnection())) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away or was cut off: nothing more to say to it
            }
        }

        /** Serves one request; false when the connection must be closed after it. */
        private boolean serveOne(int first, boolean lastAllowed) throws IOException {
            Head head;
            byte[] body;
            try {
                deadlineInput.until(limits.headerTimeout(), true);
                head = readHead(first);
                deadlineInput.until(limits.bodyTimeout(), true);
                body = readBody(head);
            } catch (HttpError e) {
                writeProblem(out, e, true);
                return false;
            } catch (DeadlinePassed e) {
                writeProblem(out, new HttpError(408, "Request Timeout", e.getMessage()), true);
                return false;
            }
            boolean close = lastAllowed || !head.http11()
                    || head.header("connection").map(v -> v.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
            HttpResponse response = handle(head, body);
            writingSince = System.nanoTime();
            try {
                write(head, response, close);
            } finally {
                writingSince = 0;
            }
            return !close;
        }

        private HttpResponse handle(Head head, byte[] body) {
            int q = head.target().indexOf('?');
            String path = q < 0 ? head.target() : head.target().substring(0, q);
            String query = q < 0 ? null : head.target().substring(q + 1);
            HttpRequest request = new HttpRequest(head.method(), path, query(query), head.headers(), body,
                    Optional.of(client.getInetAddress().getHostAddress()));
            try {
                handling.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return problem(new HttpError(503, "Service Unavailable", "the server is stopping"));
            }
            try {
                return handler.apply(request);
            } catch (RuntimeException e) {
                // The handler answers its own errors; this is the last line of defence, without details.
                LOG.log(Level.SEVERE, "request failed: " + head.method() + " " + path, e);
                return problem(new HttpError(500, "Internal Server Error", "the request could not be completed"));
            } finally {
                handling.release();
            }
        }

        private Head readHead(int first) throws IOException, HttpError {
            int[] budget = {limits.maxHeaderBytes()};
            String requestLine = line(first, budget);
            while (requestLine.isEmpty()) {
                // RFC 9112: a server should ignore at least one empty line before the request line
                requestLine = line(in.read(), budget);
            }
            String[] parts = requestLine.split(" ", -1);
            if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches() || parts[1].isEmpty()) {
                throw new HttpError(400, "Bad Request", "the request line must be METHOD SP /path SP HTTP/1.1");
            }
            if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
                throw new HttpError(505, "HTTP Version Not Supported", "only HTTP/1.1 and HTTP/1.0 are served");
            }
            String target = parts[1];
            if (target.charAt(0) != '/' || !target.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw new HttpError(400, "Bad Request", "the request target must be a path starting with '/', "
                        + "in visible ASCII (percent-encode anything else)");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            int count = 0;
            for (String h = line(in.read(), budget); !h.isEmpty(); h = line(in.read(), budget)) {
                if (++count > MAX_HEADERS) {
                    throw new HttpError(431, "Request Header Fields Too Large", "more than " + MAX_HEADERS + " headers");
                }
                int colon = h.indexOf(':');
                if (colon <= 0 || !TOKEN.matcher(h.substring(0, colon)).matches()) {
                    throw new HttpError(400, "Bad Request", "a header line must be 'Name: value'");
                }
                String name = h.substring(0, colon).toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).strip();
                headers.merge(name, value, (a, b) -> a + ", " + b);
            }
            return new Head(parts[0], target, parts[2].equals("HTTP/1.1"), headers);
        }

        /** One CRLF- (or LF-) terminated line of at most the remaining header budget, as ISO-8859-1. */
        private String line(int first, int[] budget) throws IOException, HttpError {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            int c = first;
            while (true) {
                if (c < 0) {
                    throw new HttpError(400, "Bad Request", "the request ends inside its headers");
                }
                if (--budget[0] < 0) {
                    throw new HttpError(431, "Request Header Fields Too Large", "the request line and headers are "
                            + "larger than " + limits.maxHeaderBytes() + " bytes");
                }
                if (c == '\n') {
                    break;
                }
                b.write(c);
                c = in.read();
            }
            byte[] bytes = b.toByteArray();
            int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == 0 || bytes[i] == '\r') {
                    throw new HttpError(400, "Bad Request", "a header line holds a control character");
                }
            }
            return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }

        private byte[] readBody(Head head) throws IOException, HttpError {
            Optional<String> encoding = head.header("transfer-encoding");
            Optional<String> length = head.header("content-length");
            if (encoding.isPresent() && length.isPresent()) {
                throw new HttpError(400, "Bad Request", "a request must not have both Content-Length and "
                        + "Transfer-Encoding");
            }
            if (encoding.isPresent()) {
                if (!encoding.get().equalsIgnoreCase("chunked")) {
                    throw new HttpError(501, "Not Implemented", "only the chunked transfer coding is accepted");
                }
                continueIfExpected(head);
                return chunked();
            }
            if (length.isEmpty()) {
                return new byte[0];
            }
            String v = length.get();
            if (!v.matches("[0-9]{1,12}")) {
                throw new HttpError(400, "Bad Request", "Content-Length must be one decimal number");
            }
            long n = Long.parseLong(v);
            if (n > limits.maxBodyBytes()) {
                throw new HttpError(413, "Content Too Large", "the request body is larger than "
                        + limits.maxBodyBytes() + " bytes");
            }
            continueIfExpected(head);
            byte[] body = in.readNBytes((int) n);
            if (body.length < n) {
                throw new HttpError(400, "Bad Request", "the request body is shorter than its Content-Length");
            }
            return body;
        }

        private void continueIfExpected(Head head) throws IOException {
            if (head.http11() && head.header("expect").map(e -> e.equalsIgnoreCase("100-continue")).orElse(false)) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }

        private byte[] chunked() throws IOException, HttpError {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] budget = {limits.maxHeaderBytes()};
            while (true) {
                String sizeLine = line(in.read(), budget);
                int semi = sizeLine.indexOf(';');
                String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
                if (!hex.matches("[0-9A-Fa-f]{1,7}")) {
                    throw new HttpError(400, "Bad Request", "a chunk size must be a hexadecimal number");
                }
                int size = Integer.parseInt(hex, 16);
                if (size == 0) {
                    for (String t = line(in.read(), budget); !t.isEmpty(); t = line(in.read(), budget)) {
                        // trailers are read and dropped
                    }
                    return body.toByteArray();
                }
                if (body.size() + (long) size > limits.maxBodyBytes()) {
                    throw new HttpError(413, "Content Too Large", "the request body is larger than "
                            + limits.maxBodyBytes() + " bytes");
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size || !line(in.read(), budget).isEmpty()) {
                    throw new HttpError(400, "Bad Request", "a chunk is shorter than its size");
                }
                body.writeBytes(chunk);
            }
        }

        private void write(Head head, HttpResponse response, boolean close) throws IOException {
            int status = response.status();
            boolean noBody = status == 204 || status == 304 || head.method().equals("HEAD");
            StringBuilder h = new StringBuilder(256);
            h.append(head.http11() ? "HTTP/1.1 " : "HTTP/1.0 ").append(status).append(' ').append(reason(status))
                    .append("\r\n");
            response.headers().forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.equals("connection")) {
                    h.append(name).append(": ").append(value.replace('\r', ' ').replace('\n', ' ')).append("\r\n");
                }
            });
            boolean chunked = !noBody && head.http11();
            if (chunked) {
                h.append("Transfer-Encoding: chunked\r\n");
            } else if (noBody && !head.method().equals("HEAD")) {
                h.append("Content-Length: 0\r\n");
            }
            h.append(close || (!noBody && !chunked) ? "Connection: close\r\n" : "").append("\r\n");
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!noBody) {
                if (chunked && chunks == null) {
                    chunks = new ChunkedOutput(out);
                }
                if (chunked) {
                    chunks.start();
                }
                OutputStream body = chunked ? chunks : out;
                response.body().writeTo(new ProgressOutput(body));
                if (chunked) {
                    chunks.finish();
                }
            }
            out.flush();
        }

        /** A response body write that progresses is not stalled: the watchdog measures from the last write. */
        private final class ProgressOutput extends OutputStream {
            private final OutputStream target;

            ProgressOutput(OutputStream target) {
                this.target = target;
            }

            @Override
            public void write(int b) throws IOException {
                target.write(b);
                writingSince = System.nanoTime();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                target.write(b, off, len);
                writingSince = System.nanoTime();
            }

            @Override
            public void flush() throws IOException {
                target.flush();
            }
        }

        void close() {
            try {
                client.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Thrown by a read past its phase's deadline. */
    private static final class DeadlinePassed extends SocketTimeoutException {
        DeadlinePassed(String message) {
            super(message);
        }
    }

    /** The socket's input, each read bounded by the remaining time of the current phase. */
    private static final class DeadlineInput extends FilterInputStream {
        private final Socket socket;
        private long deadline;
        private boolean strict;
        private String phase = "";

        DeadlineInput(InputStream in, Socket socket) {
            super(in);
            this.socket = socket;
        }

        /** @param strict whether running out of time is the client's fault (mid-request) or just an idle end */
        void until(java.time.Duration timeout, boolean strict) {
            this.deadline = System.nanoTime() + timeout.toNanos();
            this.strict = strict;
            this.phase = "the request did not arrive within " + timeout.toMillis() + " ms";
        }

        private void arm() throws IOException {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new DeadlinePassed(phase);
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        }

        @Override
        public int read() throws IOException {
            arm();
            try {
                return super.read();
            } catch (SocketTimeoutException e) {
                throw strict ? new DeadlinePassed(phase) : e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            try {
                return super.read(b, off, len);
            } catch (SocketTimeoutException e) {
                throw strict ? new DeadlinePassed(phase) : e;
            }
        }
    }

    /** HTTP/1.1 chunked coding of a streamed body, one chunk per buffer; one per connection, for body after body. */
    private static final class ChunkedOutput extends OutputStream {
        private final OutputStream out;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private int count;

        ChunkedOutput(OutputStream out) {
            this.out = out;
        }

        /** Starts a body: nothing of an earlier one that failed half-way is sent with it. */
        void start() {
            count = 0;
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buffer.length) {
                flushChunk();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (count == buffer.length) {
                    flushChunk();
                }
                int n = Math.min(len, buffer.length - count);
                System.arraycopy(b, off, buffer, count, n);
                count += n;
                off += n;
                len -= n;
            }
        }

        private void flushChunk() throws IOException {
            if (count > 0) {
                out.write(Integer.toHexString(count).getBytes(StandardCharsets.ISO_8859_1));
                out.write(CRLF);
                out.write(buffer, 0, count);
                out.write(CRLF);
                count = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            flushChunk();
            out.flush();
        }

        void finish() throws IOException {
            flushChunk();
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void close() {
            // the connection outlives the body
        }
    }

    private static HttpResponse problem(HttpError e) {
        return HttpResponse.of(e.status, "application/problem+json", problemJson(e));
    }

    private static String problemJson(HttpError e) {
        return "{\"type\":\"about:blank\",\"title\":\"" + e.title + "\",\"status\":" + e.status
                + ",\"detail\":\"" + e.getMessage().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static void writeProblem(OutputStream out, HttpError e, boolean close) throws IOException {
        byte[] body = problemJson(e).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + e.status + " " + e.title + "\r\nContent-Type: application/problem+json\r\n"
                + "Content-Length: " + body.length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
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

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(Connection::close);
        connections.shutdownNow();
        watchdog.shutdownNow();
    }
}
