package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import io.keyledger.testkit.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@code keyledger} in-process as a user would, with a temporary home (given through
 * {@code KEYLEDGER_HOME}), a clock the test moves, and stdout and stderr captured.
 */
final class CliHarness {

    static final String AWS_PROD = "111122223333";
    static final String AWS_DEV = "444455556666";

    final Path home;
    final MutableClock clock;
    private final String user;

    CliHarness(Path home) {
        this(home, MutableClock.at("2026-03-01T12:00:00Z"), "tester");
    }

    CliHarness(Path home, MutableClock clock, String user) {
        this.home = home;
        this.clock = clock;
        this.user = user;
    }

    record Result(int exitCode, String out, String err) {

        JsonNode json() {
            return Json.mapper().readTree(out);
        }

        /** Everything printed, for failure messages. */
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Result run(String... args) {
        return run(Map.of(HomeOptions.HOME_VARIABLE, home.toString()), args);
    }

    Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = KeyLedgerCli.commandLine(new CliContext(clock, env, user, home.resolve("user-home")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    Path db() {
        return home.resolve("keyledger.db");
    }

    /** Ingests the {@link #sampleLines() sample} and then {@code more}, from one file, and fails if the ingest does. */
    void ingestSample(String... more) {
        List<String> lines = new ArrayList<>(sampleLines());
        lines.addAll(List.of(more));
        Result r = run("ingest", write(home.resolve("in.jsonl"), lines).toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    // --- event files ---

    static String awsKey(String account, String keyId) {
        return "aws:arn:aws:kms:eu-west-1:" + account + ":key/" + keyId;
    }

    /** One normalised event as a JSON line, for an AWS key in eu-west-1. */
    static String awsEvent(String eventId, String time, String action, String account, String keyId,
                           Map<String, String> attributes) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("provider", "aws");
        key.put("accountScope", account);
        key.put("location", "eu-west-1");
        key.put("nativeId", "arn:aws:kms:eu-west-1:" + account + ":key/" + keyId);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("eventTime", time);
        event.put("action", action);
        event.put("key", key);
        event.put("actor", Map.of("principal", "arn:aws:iam::" + account + ":user/alice", "type", "USER"));
        event.put("attributes", attributes);
        return Json.write(event);
    }

    static String gcpEvent(String eventId, String time, String action, String project, String keyName,
                           Map<String, String> attributes) {
        String name = "projects/" + project + "/locations/europe-west1/keyRings/ring/cryptoKeys/" + keyName;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("eventTime", time);
        event.put("action", action);
        event.put("key", Map.of("provider", "gcp", "accountScope", project, "location", "europe-west1/ring",
                "nativeId", name));
        event.put("attributes", attributes);
        return Json.write(event);
    }

    static Map<String, String> created(String algorithm, String nativeState) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("kind", "SYMMETRIC");
        a.put("algorithm", algorithm);
        a.put("protection", "HSM");
        a.put("origin", "GENERATED");
        a.put("manager", "CUSTOMER");
        a.put("nativeState", nativeState);
        return a;
    }

    static Path write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeGzip(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small inventory: two prod keys (one disabled) and one dev key, five events. */
    static List<String> sampleLines() {
        List<String> lines = new ArrayList<>();
        lines.add(awsEvent("e-1", "2025-01-10T09:00:00Z", "CREATE", AWS_PROD, "k-payments",
                with(created("AES-256", "Enabled"), "owner", "payments-team")));
        lines.add(awsEvent("e-2", "2025-01-11T09:00:00Z", "CREATE", AWS_PROD, "k-legacy",
                with(created("AES-128", "Enabled"), "owner", "data-platform")));
        lines.add(awsEvent("e-3", "2025-02-01T09:00:00Z", "DISABLE", AWS_PROD, "k-legacy",
                Map.of("nativeState", "Disabled")));
        lines.add(awsEvent("e-4", "2025-01-12T09:00:00Z", "CREATE", AWS_DEV, "k-dev", created("AES-256", "Enabled")));
        lines.add(awsEvent("e-5", "2025-01-13T09:00:00Z", "ALIAS", AWS_DEV, "k-dev", Map.of("alias.add", "alias/dev")));
        return lines;
    }

    static Map<String, String> with(Map<String, String> attributes, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        copy.put(name, value);
        return copy;
    }
}
