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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * An emulator from npm (installed in {@code emulators/node_modules} by the build) running on a free
 * loopback port for the length of a test or a harness run. It is ready when it prints its ready line; it is
 * ended by its own process handle, with any children it started.
 *
 * <p>Adding an emulator: its package in {@code emulators/package.json}, and a factory here naming its entry
 * script, the text of its ready line and its arguments, {@code {port}} standing for the port (as
 * {@link #dynalite()} does), or {@code {port:<name>}} for each of several ports (as {@link #azurite()} does).
 */
public final class NodeEmulator implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 60;

    /** The port {@code {port}} stands for: an emulator's only port, or its first. */
    private static final String MAIN_PORT = "";
    private static final Pattern PORT = Pattern.compile("\\{port(?::([a-z]+))?}");

    private final String name;
    private final Process process;
    private final Map<String, Integer> ports;
    private final StringBuffer output = new StringBuffer();

    private NodeEmulator(String name, Process process, Map<String, Integer> ports) {
        this.name = name;
        this.process = process;
        this.ports = Map.copyOf(ports);
    }

    /** dynalite (DynamoDB API, in memory). */
    public static NodeEmulator dynalite() {
        return start("dynalite", "dynalite/cli.js", "listening",
                List.of("--host", "127.0.0.1", "--port", "{port}", "--createTableMs", "0", "--deleteTableMs", "0",
                        "--updateTableMs", "0"));
    }

    /**
     * Azurite (Azure Storage: blobs, queues and tables of one account), in memory, one process serving the
     * three on ports of their own: {@code port("blob")}, {@code port("queue")}, {@code port("table")}. The
     * account is Azurite's well-known development account ({@code io.keyledger.testkit.azure.Azurite} has its
     * credentials). Never combine {@code --location} with {@code --inMemoryPersistence}: Azurite then exits at
     * once.
     */
    public static NodeEmulator azurite() {
        return start("azurite", "azurite/dist/src/azurite.js", List.of("blob service is successfully listening",
                        "queue service is successfully listening", "table service is successfully listening"),
                List.of("--blobHost", "127.0.0.1", "--blobPort", "{port:blob}", "--queueHost", "127.0.0.1",
                        "--queuePort", "{port:queue}", "--tableHost", "127.0.0.1", "--tablePort", "{port:table}",
                        "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent"));
    }

    /** s3rver (S3 API) keeping its objects in {@code directory}. */
    public static NodeEmulator s3rver(Path directory) {
        return start("s3rver", "s3rver/bin/s3rver.js", "listening",
                List.of("--address", "127.0.0.1", "--port", "{port}", "--silent", "--directory",
                        directory.toString()));
    }

    /**
     * The Firestore emulator of {@code @firestore-emulator/server} (Firestore's gRPC API, in memory), through the
     * launcher {@code emulators/firestore.js}, which binds it to loopback (the library alone binds every
     * interface). Clients reach it with {@code FirestoreOptions.newBuilder().setEmulatorHost(emulator.hostAndPort())}.
     */
    public static NodeEmulator firestore() {
        requireInstalled("the Firestore emulator", emulatorsDirectory().resolve("node_modules/@firestore-emulator/server"));
        return launch("firestore", emulatorsDirectory().resolve("firestore.js"), List.of("firestore emulator listening"),
                List.of("--host", "127.0.0.1", "--port", "{port}"));
    }

    /**
     * Starts {@code node_modules/<script>} with {@code {port}} in the arguments replaced by a free port,
     * and waits until a line of its output contains {@code readyText}.
     */
    public static NodeEmulator start(String name, String script, String readyText, List<String> arguments) {
        return start(name, script, List.of(readyText), arguments);
    }

    /**
     * Starts {@code node_modules/<script>} with each {@code {port}} or {@code {port:<name>}} in the arguments
     * replaced by a free port (one per name), and waits until its output has contained each of
     * {@code readyTexts} (lower case), in any order: an emulator serving several services prints one line each.
     */
    public static NodeEmulator start(String name, String script, List<String> readyTexts, List<String> arguments) {
        Path entry = emulatorsDirectory().resolve("node_modules").resolve(script);
        requireInstalled(name, entry);
        return launch(name, entry, readyTexts, arguments);
    }

    private static void requireInstalled(String name, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(name + " is not installed at " + path
                    + ": run the build from the project root (it runs `npm ci` in emulators/), or run `npm ci` there");
        }
    }

    /** Runs {@code entry} with node on free loopback ports and waits for its ready lines. */
    private static NodeEmulator launch(String name, Path entry, List<String> readyTexts, List<String> arguments) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<String> command = new ArrayList<>(List.of("node", entry.toString()));
        for (String argument : arguments) {
            command.add(PORT.matcher(argument).replaceAll(m -> Integer.toString(ports.computeIfAbsent(
                    m.group(1) == null ? MAIN_PORT : m.group(1), n -> freePort(ports.values())))));
        }
        if (!ports.isEmpty() && !ports.containsKey(MAIN_PORT)) {
            ports.put(MAIN_PORT, ports.values().iterator().next());
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            NodeEmulator emulator = new NodeEmulator(name, process, ports);
            emulator.awaitReady(readyTexts);
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (is node on the PATH?)", e);
        }
    }

    /** The emulator's port: its only one, or the first its arguments named. */
    public int port() {
        return port(MAIN_PORT);
    }

    /** The port that {@code {port:<name>}} stood for in the arguments. */
    public int port(String portName) {
        Integer p = ports.get(portName);
        if (p == null) {
            throw new IllegalArgumentException(name + " has no port named '" + portName + "': " + ports.keySet());
        }
        return p;
    }

    /** {@code 127.0.0.1:<port>}: where a gRPC client (Firestore's) reaches the emulator. */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:<port>} of the named port. */
    public String endpoint(String portName) {
        return "http://127.0.0.1:" + port(portName);
    }

    private void awaitReady(List<String> readyTexts) {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Set<String> waiting = ConcurrentHashMap.newKeySet();
        waiting.addAll(readyTexts);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    String lower = line.toLowerCase(java.util.Locale.ROOT);
                    waiting.removeIf(lower::contains);
                    if (waiting.isEmpty()) {
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
            throw new IllegalStateException(name + " did not print " + waiting + " within "
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

    /** A free loopback port other than {@code taken} (the ports this emulator was given already). */
    private static int freePort(Collection<Integer> taken) {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (!taken.contains(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
        throw new IllegalStateException("no free loopback port other than " + taken);
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
