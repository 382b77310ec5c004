package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyledger archive} and {@code retention}: old records move beside the database; every command reads both tiers. */
class ArchiveCommandTest {

    private static final String LEGACY = CliHarness.awsKey(CliHarness.AWS_PROD, "k-legacy");

    @TempDir
    Path home;

    private CliHarness cli;

    @BeforeEach
    void ingestThenLetTheHotWindowPass() {
        cli = new CliHarness(home);
        assertThat(cli.run("ingest", "--tenant", "acme", CliHarness.write(home.resolve("in.jsonl"),
                CliHarness.sampleLines()).toString()).exitCode()).isZero();
        CliHarness.Result set = cli.run("retention", "set", "--tenant", "acme", "--hot-window", "P30D");
        assertThat(set.out()).contains("Set tenant acme: history P7Y, ledger P7Y, destroyed keys' records P7Y, "
                + "hot window P30D");
        cli.clock.advance(Duration.ofDays(31));
    }

    @Test
    void archivesOldRecordsBesideTheDatabaseAndReadsBothTiers() throws IOException {
        String historyBefore = cli.run("history", LEGACY, "--format", "json").out();

        CliHarness.Result archived = cli.run("archive");

        assertThat(archived.exitCode()).as(archived.toString()).isZero();
        assertThat(archived.out()).containsPattern("tenant acme: archived \\d+ ledger records and 5 events in 1 segment "
                + "to archive directory " + home.resolve("keyledger-archive"));
        try (Stream<Path> files = Files.walk(home.resolve("keyledger-archive"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".jsonl.gz"))).hasSize(1);
        }
        assertThat(cli.run("history", LEGACY, "--format", "json").out()).isEqualTo(historyBefore);
        CliHarness.Result verify = cli.run("verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("1 archived segments").contains("Ledger intact.");
        assertThat(cli.run("archive").out()).contains("tenant acme: nothing older than the hot window");
        assertThat(cli.run("retention", "show").out()).contains("tenant acme: history P7Y").contains("hot window P30D");
    }

    @Test
    void aSegmentDeletedBehindKeyLedgersBackIsNamed() throws IOException {
        cli.run("archive");
        try (Stream<Path> files = Files.walk(home.resolve("keyledger-archive"))) {
            Path segment = files.filter(p -> p.toString().endsWith(".jsonl.gz")).findFirst().orElseThrow();
            Files.delete(segment);
        }

        CliHarness.Result verify = cli.run("verify");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains(": SEGMENT (archived segment 1-").contains("missing from archive directory");
        assertThat(verify.err()).isEmpty();
    }
}
