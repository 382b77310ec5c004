package io.keyledger.local.cli;

import static io.keyledger.local.cli.DocumentedShell.bash;
import static io.keyledger.local.cli.DocumentedShell.testedBlock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The openssl commands docs/LEDGER.md gives for the exported checkpoints, run as written (bash, jq, stock
 * openssl): they verify every checkpoint KeyLedger signed, and they fail on one changed after signing.
 */
class OpensslVerifyTest {

    @TempDir
    Path home;

    @Test
    void stockOpensslVerifiesEveryExportedCheckpointAsDocumented() throws Exception {
        CliHarness cli = new CliHarness(home);
        cli.run("ingest", "--tenant", "acme", CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines()).toString());
        cli.run("legal-hold", "place", "--tenant", "acme", "--reason", "audit 2026");
        Path work = Files.createDirectories(home.resolve("auditor"));
        assertThat(cli.run("checkpoints", "export", "--tenant", "acme", "-o", work.resolve("checkpoints.json").toString())
                .exitCode()).isZero();
        Files.writeString(work.resolve("ledger-key.pem"), cli.run("checkpoints", "public-key").out());

        DocumentedShell.Run run = bash(work, testedBlock("LEDGER.md", OpensslVerifyTest.class));

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

        DocumentedShell.Run run = bash(work, testedBlock("LEDGER.md", OpensslVerifyTest.class));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Verification failure");
    }
}
