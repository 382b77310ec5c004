package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The openssl commands docs/LEDGER.md gives for the exported checkpoints, run as written (bash, jq, stock
 * openssl): they verify every checkpoint KeyLedger signed, and they fail on one changed after signing.
 */
class OpensslVerifyTest {

    private static final Pattern TESTED_BLOCK = Pattern.compile(
            "<!-- tested by local/src/test/java/io/keyledger/local/cli/OpensslVerifyTest\\.java[^>]*-->\\s*```sh\\n(.*?)```",
            Pattern.DOTALL);

    @TempDir
    Path home;

    private static String documentedCommands() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("docs/LEDGER.md"))) {
            dir = dir.getParent();
        }
        Matcher m = TESTED_BLOCK.matcher(Files.readString(dir.resolve("docs/LEDGER.md")));
        assertThat(m.find()).as("the tested block in docs/LEDGER.md").isTrue();
        return m.group(1);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run bash(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    @Test
    void stockOpensslVerifiesEveryExportedCheckpointAsDocumented() throws Exception {
        CliHarness cli = new CliHarness(home);
        cli.run("ingest", "--tenant", "acme", CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines()).toString());
        cli.run("legal-hold", "place", "--tenant", "acme", "--reason", "audit 2026");
        Path work = Files.createDirectories(home.resolve("auditor"));
        assertThat(cli.run("checkpoints", "export", "--tenant", "acme", "-o", work.resolve("checkpoints.json").toString())
                .exitCode()).isZero();
        Files.writeString(work.resolve("ledger-key.pem"), cli.run("checkpoints", "public-key").out());

        Run run = bash(work, documentedCommands());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().split("\n")).hasSize(2).containsOnly("Verified OK");
    }

    @Test
    void theDocumentedCommandsFailOnACheckpointChangedAfterSigning() throws Exception {
        CliHarness cli = new CliHarness(home);
        cli.run("ingest", "--tenant", "acme", CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines()).toString());
        Path work = Files.createDirectories(home.resolve("auditor"));
        cli.run("checkpoints", "export", "--tenant", "acme", "-o", work.resolve("checkpoints.json").toString());
        Files.writeString(work.resolve("ledger-key.pem"), cli.run("checkpoints", "public-key").out());
        Path export = work.resolve("checkpoints.json");
        Files.writeString(export, Files.readString(export).replaceFirst("\\\\nacme\\\\n(\\d+)\\\\n", "\\\\nacme\\\\n999\\\\n"));

        Run run = bash(work, documentedCommands());

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Verification failure");
    }
}
