package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests of issue 15, as a user meets them: a hostile file given with a good one is reported as
 * what it is, the good file is still applied, and the run ends with exit 2. (The same files at full size,
 * with the memory they take, are measured by bench's HostileFilesHarness.)
 */
class HostileFilesTest {

    @TempDir
    Path home;

    @TempDir
    Path data;

    private CliHarness cli() {
        return new CliHarness(home);
    }

    private Path good() {
        return CliHarness.write(data.resolve("good.jsonl"), CliHarness.sampleLines());
    }

    private static Path gzipOf(Path file, byte fill, long bytes) throws IOException {
        byte[] block = new byte[1 << 16];
        java.util.Arrays.fill(block, fill);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (long left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    @Test
    void aDecompressionBombIsReportedAsSuchAndTheGoodFileIsApplied() throws IOException {
        Path bomb = gzipOf(data.resolve("bomb.json.gz"), (byte) ' ', 256L << 20);

        CliHarness.Result r = cli().run("ingest", bomb.toString(), good().toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(bomb + " record 1: expands more than 200 times")
                .contains("refused as a decompression bomb; the rest of the input is not read");
        assertThat(r.out()).contains("ingested 2 files").contains("5 applied");
    }

    @Test
    void aFloodOfBadRecordsIsReportedUpToTheCapThenCountedByReason() {
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            flood.add("{}");
        }
        Path file = CliHarness.write(data.resolve("flood.jsonl"), flood);

        CliHarness.Result r = cli().run("ingest", "--max-reported", "10", file.toString(), good().toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> l.contains("flood.jsonl record"))).hasSize(10 + 1);
        assertThat(r.err()).contains("5000 records not applied")
                .contains("only the first 10 were reported; all by reason:\n  5000  not a record of any known format")
                .contains(file + ": a flood of 5000 bad records");
        assertThat(r.out()).contains("5 applied");
    }

    @Test
    void aRecordLargerThanTheLimitIsSkippedAndTheNextOneApplied() {
        List<String> lines = new ArrayList<>(CliHarness.sampleLines());
        lines.add(0, "{\"eventId\":\"big\",\"actor\":{\"userAgent\":\"" + "x".repeat(3 << 20) + "\"}}");
        Path file = CliHarness.write(data.resolve("big.jsonl"), lines);

        CliHarness.Result r = cli().run("ingest", file.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(file + " record 1 (line 1): a record (line) larger than 1048576 bytes");
        assertThat(r.out()).contains("5 applied");
    }

    @Test
    void terminalEscapesInAFieldAreShownEscaped() {
        Map<String, Object> event = new LinkedHashMap<>(Json.mapper().convertValue(Json.mapper().readTree(
                CliHarness.awsEvent("e-esc", "2025-01-10T09:00:00Z", "CREATE", CliHarness.AWS_PROD, "k",
                        Map.of())), Map.class));
        event.put("eventTime", "\u001b]0;pwned\u0007");
        Path file = CliHarness.write(data.resolve("esc.jsonl"), List.of(Json.write(event)));

        CliHarness.Result r = cli().run("ingest", file.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("\u001b", "\u0007").contains("\\u001B]0;pwned\\u0007");
    }

    @Test
    void eachTenantsFieldLimitIsAppliedToItsEvents() throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("tenants.json"), "{\"accounts\": {\"aws:" + CliHarness.AWS_DEV + "\": \"dev\"},"
                + " \"limits\": {\"tenants\": {\"dev\": {\"maxFieldChars\": 1024}}}}");
        String agent = "a".repeat(5000);
        List<String> lines = new ArrayList<>();
        for (String account : List.of(CliHarness.AWS_PROD, CliHarness.AWS_DEV)) {
            Map<String, Object> e = Json.mapper().convertValue(Json.mapper().readTree(CliHarness.awsEvent(
                    "ua-" + account, "2025-01-10T09:00:00Z", "CREATE", account, "k-" + account,
                    CliHarness.created("AES-256", "Enabled"))), Map.class);
            e.put("actor", Map.of("principal", "alice", "type", "USER", "userAgent", agent));
            lines.add(Json.write(e));
        }
        Path file = CliHarness.write(data.resolve("agents.jsonl"), lines);

        CliHarness.Result r = cli().run("ingest", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(file + " record 2 (line 2): field 'actor.userAgent': 5000 characters, more than "
                + "1024 (the limit maxFieldChars of tenant 'dev')");
        assertThat(r.out()).contains("1 applied");
    }

    @Test
    void aBadLimitInTheTenantsFileIsNamed() throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("tenants.json"), "{\"limits\": {\"maxRecordBytes\": 999999999}}");

        CliHarness.Result r = cli().run("ingest", good().toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("field 'limits.maxRecordBytes': maxRecordBytes must be from 1024 to 16777216, "
                + "was 999999999");
    }

    /** Regression (issue 15): "ingested 0 files", exit 0, for a symbolic link given to ingest. */
    @Test
    void aSymbolicLinkIsIngested() throws IOException {
        Path link = Files.createSymbolicLink(data.resolve("link.jsonl"), good());

        CliHarness.Result r = cli().run("ingest", link.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("ingested 1 file").contains("5 applied");
    }
}
