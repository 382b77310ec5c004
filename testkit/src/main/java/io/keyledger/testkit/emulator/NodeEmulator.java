package io.keyledger.testkit.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An emulator from npm (installed in {@code emulators/node_modules} by the build) running on a free
 * loopback port for the length of a test or a harness run. It is ready when it prints its ready line; it is
 * ended by its own process handle, with any children it started.
 *
 * <p>Adding an emulator: its package in {@code emulators/package.json}, and a factory here naming its entry
 * script, the text of its ready line and its arguments, {@code {port}} standing for the port (as
 * {@link #dynalite()} does).
 */
public final class NodeEmulator implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 60;

    private final String name;
    private final Process process;
    private final int port;
    private final StringBuffer output = new StringBuffer();

    private NodeEmulator(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** dynalite (DynamoDB API, in memory). */
    public static NodeEmulator dynalite() {
        return start("dynalite", "dynalite/cli.js", "listening",
                List.of("--host", "127.0.0.1", "--port", "{port}", "--createTableMs", "0", "--deleteTableMs", "0",
                        "--updateTableMs", "0"));
    }

    /** s3rver (S3 API) keeping its objects in {@code directory}. */
    public static NodeEmulator s3rver(Path directory) {
        return start("s3rver", "s3rver/bin/s3rver.js", "listening",
                List.of("--address", "127.0.0.1", "--port", "{port}", "--silent", "--directory",
                        directory.toString()));
    }

    /** Azurite's Queue service (Azure Storage queues, in memory), with the well-known development account. */
    public static NodeEmulator azuriteQueues() {
        return start("azurite-queue", "azurite/dist/src/queue/main.js", "successfully listens",
                List.of("--queueHost", "127.0.0.1", "--queuePort", "{port}", "--inMemoryPersistence",
                        "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent"));
    }

    /**
     * Starts {@code node_modules/<script>} with {@code {port}} in the arguments replaced by a free port,
     * and waits until a line of its output contains {@code readyText}.
     */
    public static NodeEmulator start(String name, String script, String readyText, List<String> arguments) {
        Path modules = emulatorsDirectory().resolve("node_modules");
        Path entry = modules.resolve(script);
        if (!Files.isRegularFile(entry)) {
            throw new IllegalStateException(name + " is not installed at " + entry
                    + ": run the build from the project root (it runs `npm ci` in emulators/), or run `npm ci` there");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("node", entry.toString()));
        arguments.forEach(a -> command.add(a.replace("{port}", Integer.toString(port))));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            NodeEmulator emulator = new NodeEmulator(name, process, port);
            emulator.awaitReady(readyText);
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (is node on the PATH?)", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(String readyText) {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.toLowerCase(java.util.Locale.ROOT).contains(readyText)) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // the process ended; completion below reports it
            }
            ready.complete(false);
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || !process.isAlive()) {
                throw new IllegalStateException(name + " exited before it was ready:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException(name + " did not print '" + readyText + "' within "
                    + START_TIMEOUT_SECONDS + " s:\n" + output, e);
        }
    }

    /** What the emulator printed so far (for failure messages). */
    public String output() {
        return output.toString();
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

    /** The project's {@code emulators/} directory, found by walking up from the working directory. */
    static Path emulatorsDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("emulators/package.json"))) {
                return dir.resolve("emulators");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no emulators/package.json above " + Path.of("").toAbsolutePath());
    }
}
