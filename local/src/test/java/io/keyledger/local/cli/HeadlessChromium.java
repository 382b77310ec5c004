package io.keyledger.local.cli;

import io.keyledger.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A headless Chromium that a test starts, drives over the DevTools protocol on loopback, and stops: it
 * loads a page, tells which requests the page made and what it logged, evaluates script in it and prints
 * it to PDF. Chromium must be installed (the CI script installs it): without it the test fails, naming
 * what to install, rather than passing unseen.
 */
final class HeadlessChromium implements AutoCloseable {

    /** An executable named here wins over the ones looked for on the PATH. */
    static final String EXECUTABLE_VARIABLE = "KEYLEDGER_CHROMIUM";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://127\\.0\\.0\\.1:(\\d+)/\\S+)");
    /** Generous: a cold Chromium on a loaded machine. Only bounds a hang; nothing measures time. */
    private static final long TIMEOUT_SECONDS = 120;

    private final Process process;
    private final int port;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, int port) throws IOException, InterruptedException {
        this.process = process;
        this.port = port;
        HttpClient http = HttpClient.newHttpClient();
        // A fresh tab for the page, so that nothing the browser opened at start shares it.
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/json/new?about:blank")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        String ws = Json.mapper().readTree(created.body()).path("webSocketDebuggerUrl").asString();
        if (ws.isEmpty()) {
            throw new IllegalStateException("Chromium did not open a tab: " + created.statusCode() + " " + created.body());
        }
        this.socket = await(http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener()));
    }

    /** The Chromium executable: {@value #EXECUTABLE_VARIABLE}, else the first of the usual names on the PATH. */
    static Optional<Path> executable(Map<String, String> env) {
        String named = env.get(EXECUTABLE_VARIABLE);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(env.get("PATH")).orElse("");
        return Stream.of(path.split(java.io.File.pathSeparator)).filter(d -> !d.isBlank())
                .flatMap(d -> NAMES.stream().map(n -> Path.of(d, n))).filter(Files::isExecutable).findFirst();
    }

    /** Starts Chromium headless, with its profile in {@code profile}, debugging on a free loopback port. */
    static HeadlessChromium start(Path profile) throws IOException, InterruptedException {
        return start(profile, System.getenv());
    }

    /** As {@link #start(Path)}, finding Chromium through {@code env}. */
    static HeadlessChromium start(Path profile, Map<String, String> env) throws IOException, InterruptedException {
        Path chromium = executable(env).orElseThrow(() -> new AssertionError("Chromium is not installed: the evidence "
                + "page is checked in it. Install it (Debian and Ubuntu: 'apt-get install -y chromium'; the CI script "
                + ".ci/run does) or name the executable in " + EXECUTABLE_VARIABLE + "."));
        // No sandbox: containers seldom allow Chromium's, and the only page loaded is one the test wrote.
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile.toAbsolutePath(), "about:blank"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // Chromium's own temporary files (its singleton socket) go under the profile, removed with it.
        Path temporary = Files.createDirectories(profile.resolve("tmp"));
        builder.environment().put("TMPDIR", temporary.toAbsolutePath().toString());
        Process p = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> readErrors(p, port), "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return new HeadlessChromium(p, port.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException | RuntimeException | IOException e) {
            p.destroyForcibly();
            throw new AssertionError("Chromium (" + chromium + ") did not start its DevTools endpoint: " + e, e);
        }
    }

    /** Reads Chromium's stderr to its end (so that it never blocks on a full pipe), noting the DevTools port. */
    private static void readErrors(Process p, CompletableFuture<Integer> port) {
        StringBuilder seen = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(2)));
                } else if (!port.isDone() && seen.length() < 4000) {
                    seen.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("Chromium exited: " + seen));
    }

    /** Loads {@code url} with the network, page, console and log domains on, and returns once it has loaded. */
    void load(String url) throws Exception {
        send("Page.enable", Map.of());
        send("Network.enable", Map.of());
        send("Runtime.enable", Map.of());
        send("Log.enable", Map.of());
        CompletableFuture<JsonNode> loaded = awaiting("Page.loadEventFired");
        JsonNode navigated = send("Page.navigate", Map.of("url", url));
        if (navigated.has("errorText")) {
            throw new AssertionError("Chromium could not load " + url + ": " + navigated.get("errorText").asString());
        }
        await(loaded);
    }

    /** The URL of every request the page made, its own document first. */
    List<String> requests() {
        return events.stream().filter(e -> e.path("method").asString().equals("Network.requestWillBeSent"))
                .map(e -> e.path("params").path("request").path("url").asString()).toList();
    }

    /** Every error the page logged or the browser logged about it (a refused load, a script error). */
    List<String> errors() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            String method = e.path("method").asString();
            JsonNode params = e.path("params");
            if (method.equals("Log.entryAdded") && params.path("entry").path("level").asString().equals("error")) {
                out.add(params.path("entry").path("text").asString());
            } else if (method.equals("Runtime.exceptionThrown")) {
                out.add(params.path("exceptionDetails").path("text").asString());
            } else if (method.equals("Runtime.consoleAPICalled") && params.path("type").asString().equals("error")) {
                out.add(params.path("args").toString());
            } else if (method.equals("Network.loadingFailed")) {
                out.add("load failed: " + params.path("errorText").asString() + " "
                        + params.path("blockedReason").asString(""));
            }
        }
        return out;
    }

    /** The value of a script expression evaluated in the page (returned by value, as JSON). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("the expression failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** The page printed as the print stylesheet lays it out, as PDF bytes. */
    byte[] printToPdf() throws Exception {
        JsonNode r = send("Page.printToPDF", Map.of("printBackground", true, "preferCSSPageSize", true));
        return Base64.getDecoder().decode(r.path("data").asString());
    }

    JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        await(socket.sendText(Json.write(Map.of("id", id, "method", method, "params", params)), true));
        JsonNode reply = await(answer);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    private CompletableFuture<JsonNode> awaiting(String method) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        awaited.put(method, f);
        return f;
    }

    private static <T> T await(CompletionStage<T> stage) throws IOException {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Chromium", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no answer from Chromium: " + e, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        // Its helper processes (renderers, the network service) can still write into the profile after the browser
        // has exited: they are waited for too, or the test's temporary directory may not be deletable yet.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle helper : helpers) {
            helper.destroy();
            try {
                helper.onExit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                helper.destroyForcibly();
            }
        }
    }

    int port() {
        return port;
    }

    /** Collects the protocol's frames into messages: answers complete their call, events are kept. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder frame = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                JsonNode message = Json.mapper().readTree(frame.toString());
                frame.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
                    if (f != null) {
                        f.complete(message);
                    }
                } else {
                    events.add(message);
                    CompletableFuture<JsonNode> f = awaited.remove(message.path("method").asString());
                    if (f != null) {
                        f.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
