package io.keyledger.bench.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code keyledger} command in child JVMs on one home (its database, signing keys and tenants file): what the
 * crash runs start, kill with SIGKILL ({@link Process#destroyForcibly()}) and start again. Every wait is on a
 * condition (the process ending, a line of its output, the database growing), never on a time.
 */
final class Keyledger {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    /** How often the database's size is looked at while waiting for it to grow. */
    private static final long POLL_MILLIS = 5;

    private final Path home;
    private final List<String> jvmOptions;

    Keyledger(Path home, List<String> jvmOptions) {
        this.home = home;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    Path home() {
        return home;
    }

    Path database() {
        return home.resolve("keyledger.db");
    }

    /** Bytes written so far: the database and its write-ahead log, which grows with each committed batch. */
    long written() {
        return size(database()) + size(home.resolve("keyledger.db-wal"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** {@code keyledger <args> --home HOME}, output to files in the home. */
    Process start(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.keyledger.local.cli.KeyLedgerCli");
        command.addAll(args);
        command.add("--home");
        command.add(home.toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectOutput(home.resolve(name + ".out").toFile());
        pb.redirectError(home.resolve(name + ".err").toFile());
        return pb.start();
    }

    /** Runs a command to its end. */
    Result run(String name, List<String> args) throws IOException, InterruptedException {
        Process p = start(name, args);
        int exit = p.waitFor();
        return new Result(exit, Files.readString(home.resolve(name + ".out")), Files.readString(home.resolve(name + ".err")));
    }

    record Result(int exitCode, String out, String err) {
    }

    /**
     * Waits until the process has written {@code threshold} bytes (or ends by itself) and kills it with SIGKILL.
     *
     * @return true if it was killed, false if it ended first
     */
    boolean killWhenWritten(Process p, long threshold) throws InterruptedException {
        return killWhen(p, this::written, threshold);
    }

    /** Waits until {@code progress} reaches {@code threshold} (or the process ends by itself) and kills it. */
    static boolean killWhen(Process p, LongSupplier progress, long threshold) throws InterruptedException {
        while (progress.getAsLong() < threshold) {
            if (p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        p.destroyForcibly();
        p.waitFor();
        return true;
    }

    /**
     * Starts {@code keyledger serve --port 0} and waits for the line that says where it listens.
     *
     * @throws IOException naming what it printed, if it ended instead
     */
    Server serve(String name) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.keyledger.local.cli.KeyLedgerCli",
                "serve", "--port", "0", "--home", home.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(home.resolve(name + ".err").toFile());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                // keep reading its output so that it never blocks on a full pipe
                Thread drain = new Thread(() -> drain(out), "keyledger-serve-output");
                drain.setDaemon(true);
                drain.start();
                return new Server(p, m.group(1));
            }
        }
        throw new IOException("keyledger serve ended without listening: " + seen
                + Files.readString(home.resolve(name + ".err")));
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discarded
            }
        } catch (IOException closed) {
            // the process is gone
        }
    }

    /** A running {@code keyledger serve}. */
    record Server(Process process, String url) {

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        /** Stops it as Ctrl-C does (SIGTERM): the server and the database are closed first. */
        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /** A bearer token of {@code keyledger token} for the tenant and role. */
    String token(String tenant, String role) throws IOException, InterruptedException {
        Result r = run("token-" + tenant, List.of("token", "--tenant", tenant, "--role", role, "--subject",
                "crash-harness", "--ttl", "PT24H"));
        if (r.exitCode() != 0) {
            throw new IOException("keyledger token failed: " + r.err());
        }
        return r.out().trim();
    }

    static void copyHome(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (var files = Files.list(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String n = f.getFileName().toString();
                    if (!n.endsWith(".out") && !n.endsWith(".err")) {
                        Files.copy(f, to.resolve(n), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
