package io.keyledger.local.cli;

import static io.keyledger.local.cli.CliHarness.AWS_PROD;
import static io.keyledger.local.cli.CliHarness.awsEvent;
import static io.keyledger.local.cli.CliHarness.awsKey;
import static io.keyledger.local.cli.CliHarness.created;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class IngestCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path data;

    private CliHarness cli;

    private CliHarness cli() {
        if (cli == null) {
            cli = new CliHarness(home);
        }
        return cli;
    }

    private List<String> keyIds() {
        CliHarness.Result keys = cli().run("keys", "--format", "json");
        assertThat(keys.exitCode()).as(keys.toString()).isZero();
        List<String> ids = new ArrayList<>();
        keys.json().forEach(k -> ids.add(k.get("id").asString()));
        return ids;
    }

    @Test
    void appliesAPlainFile() {
        Path file = CliHarness.write(data.resolve("events.jsonl"), CliHarness.sampleLines());

        CliHarness.Result r = cli().run("ingest", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("5 records read, 5 applied, 0 duplicates, 0 rejected");
        assertThat(r.err()).as("only the notice that the signing key was made on first use")
                .startsWith("Created the ledger signing key ").hasLineCount(1);
        assertThat(keyIds()).hasSize(3);
    }

    @Test
    void recognisesGzipByItsMagicBytesWhateverTheName() {
        Path file = CliHarness.writeGzip(data.resolve("events.log"), CliHarness.sampleLines());

        CliHarness.Result r = cli().run("ingest", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("5 applied");
        assertThat(keyIds()).hasSize(3);
    }

    @Test
    void walksADirectoryRecursivelyAndSkipsHiddenFiles() throws IOException {
        List<String> lines = CliHarness.sampleLines();
        CliHarness.write(data.resolve("b/later.jsonl"), lines.subList(2, 5));
        CliHarness.writeGzip(data.resolve("a.jsonl.gz"), lines.subList(0, 2));
        CliHarness.write(data.resolve(".hidden.jsonl"), List.of("not json at all"));
        CliHarness.write(data.resolve(".git/objects.jsonl"), List.of("not json either"));

        CliHarness.Result r = cli().run("ingest", data.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("ingested 2 files: 5 records read, 5 applied");
        assertThat(keyIds()).hasSize(3);
        assertThat(Files.exists(home.resolve("keyledger.db"))).isTrue();
    }

    @Test
    void reportsMalformedRecordsWithFileLineAndFieldAndAppliesTheRest() {
        List<String> lines = new ArrayList<>(CliHarness.sampleLines());
        lines.add(1, lines.get(1).replace("\"provider\":\"aws\"", "\"provider\":\"oracle\""));
        lines.add(2, "");
        lines.add(3, "{\"eventId\": \"broken\", ");
        lines.add(4, awsEvent("e-9", "2025-13-01T00:00:00Z", "CREATE", AWS_PROD, "k-x", Map.of()));
        Path file = CliHarness.write(data.resolve("mixed.jsonl"), lines);

        CliHarness.Result r = cli().run("ingest", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .contains(file + " record 2 (line 2): field 'key.provider': unknown provider 'oracle'")
                .contains(file + " record 3 (line 4): not valid JSON")
                .contains(file + " record 4 (line 5): field 'eventTime'")
                .contains("3 records not applied: " + file + " record 2 (line 2), " + file + " record 3 (line 4), "
                        + file + " record 4 (line 5)");
        assertThat(r.out()).contains("8 records read, 5 applied, 0 duplicates, 3 rejected (3 malformed)");
        assertThat(keyIds()).hasSize(3);
    }

    @Test
    void countsRedeliveredEventsAsDuplicatesAndSucceeds() {
        Path file = CliHarness.write(data.resolve("events.jsonl"), CliHarness.sampleLines());
        cli().run("ingest", file.toString());

        CliHarness.Result again = cli().run("ingest", file.toString());

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("5 records read, 0 applied, 5 duplicates, 0 rejected");
    }

    @Test
    void keepsTheFileAndLineAsTheEventsSource() {
        Path file = CliHarness.write(data.resolve("events.jsonl"), CliHarness.sampleLines());
        cli().run("ingest", file.toString());

        CliHarness.Result r = cli().run("history", awsKey(AWS_PROD, "k-legacy"), "--format", "json");

        JsonNode disable = r.json().get(1);
        assertThat(disable.get("source").get("kind").asString()).isEqualTo("file");
        assertThat(disable.get("source").get("location").asString())
                .isEqualTo(file.toAbsolutePath().normalize() + " record 3 (line 3)");
    }

    @Test
    void putsEveryEventIntoTheTenantGiven() {
        Path file = CliHarness.write(data.resolve("events.jsonl"), CliHarness.sampleLines());

        cli().run("ingest", "--tenant", "lab", file.toString());

        CliHarness.Result keys = cli().run("keys", "--format", "json");
        keys.json().forEach(k -> assertThat(k.get("tenant").asString()).isEqualTo("lab"));
        assertThat(keys.json().size()).isEqualTo(3);
    }

    @Test
    void reportsAMissingFileAndIngestsTheOthers() {
        Path file = CliHarness.write(data.resolve("events.jsonl"), CliHarness.sampleLines());

        CliHarness.Result r = cli().run("ingest", file.toString(), data.resolve("nope.jsonl").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.jsonl: no such file or directory; skipped").doesNotContain("Exception");
        assertThat(r.out()).contains("5 applied").contains("1 input skipped");
    }

    @Test
    void reportsACorruptGzipFileAndKeepsEverythingElse() throws IOException {
        Path good = CliHarness.write(data.resolve("1-good.jsonl"), CliHarness.sampleLines());
        Path corrupt = data.resolve("2-corrupt.jsonl.gz");
        Files.write(corrupt, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5});

        CliHarness.Result r = cli().run("ingest", good.toString(), corrupt.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(corrupt + " record 1: the gzip data").doesNotContain("\tat ", "line -1");
        assertThat(r.out()).contains("5 applied");
        assertThat(keyIds()).hasSize(3);
    }

    @Test
    void reportsTextThatIsNotUtf8AsAMalformedRecord() throws IOException {
        Path file = data.resolve("latin1.jsonl");
        Files.write(file, new byte[] {'{', '"', (byte) 0xe9, '"', '}', '\n'});

        CliHarness.Result r = cli().run("ingest", file.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(file + " record 1").contains("not UTF-8 text");
    }

    @Test
    void reportsNonUtf8TextFurtherDownAfterTheLastGoodLine() throws IOException {
        Path file = data.resolve("late.jsonl");
        StringBuilder good = new StringBuilder();
        for (String line : CliHarness.sampleLines()) {
            good.append(line).append('\n');
        }
        byte[] head = good.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] padding = " ".repeat(70_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + padding.length + 2];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(padding, 0, all, head.length, padding.length);
        all[all.length - 2] = (byte) 0xe9;
        all[all.length - 1] = '\n';
        Files.write(file, all);

        CliHarness.Result r = cli().run("ingest", file.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(file + " record 6 (line 6): not UTF-8 text");
        assertThat(r.out()).contains("5 applied");
    }

    @Test
    void reportsAFileInAnUnknownFormat() {
        Path csv = CliHarness.write(data.resolve("keys.csv"), List.of("id,state", "k1,ACTIVE"));

        CliHarness.Result r = cli().run("ingest", csv.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(csv + " record 1 (line 1, column 1): not valid JSON");
    }

    @Test
    void refusesABadBatchSizeAsAUsageError() {
        Path file = CliHarness.write(data.resolve("events.jsonl"), CliHarness.sampleLines());

        CliHarness.Result r = cli().run("ingest", "--batch-size", "0", file.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void appliesAcrossManySmallBatches() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            lines.add(awsEvent("c-" + i, "2025-01-01T00:00:" + String.format("%02d", i) + "Z", "CREATE", AWS_PROD,
                    "k-" + i, created("AES-256", "Enabled")));
        }
        Path file = CliHarness.write(data.resolve("many.jsonl"), lines);

        CliHarness.Result r = cli().run("ingest", "--batch-size", "4", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(keyIds()).hasSize(25);
    }
}
