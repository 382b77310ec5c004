package io.keyledger.bench.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * dynalite (DynamoDB's API, in memory, from {@code emulators/node_modules}) on a free loopback port for
 * the length of a harness run; ended through its own process handle. The tests' launcher lives in a
 * test-jar, which a harness cannot depend on: this is the little of it a harness needs.
 */
final class Dynalite implements AutoCloseable {

    private static final long START_SECONDS = 60;

    private final Process process;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Dynalite start() {
        Path cli = emulators().resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed at " + cli + ": run `npm ci` in emulators/");
        }
        int port = freePort();
        try {
            Process process = new ProcessBuilder(List.of("node", cli.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                    .redirectErrorStream(true).start();
            Dynalite dynalite = new Dynalite(process, port);
            dynalite.awaitListening();
            return dynalite;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dynalite (is node on the PATH?)", e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitListening() {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.toLowerCase(Locale.ROOT).contains("listening")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // the process ended: completed below
            }
            ready.complete(false);
        }, "dynalite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.get(START_SECONDS, TimeUnit.SECONDS) || !process.isAlive()) {
                close();
                throw new IllegalStateException("dynalite exited before it was ready:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting dynalite", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("dynalite was not listening within " + START_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** {@code emulators/} of the repository the harness is run from (or below). */
    private static Path emulators() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("emulators/package.json"))) {
                return dir.resolve("emulators");
            }
        }
        throw new IllegalStateException("no emulators/package.json above " + Path.of("").toAbsolutePath()
                + ": run the harness from the repository");
    }
}
