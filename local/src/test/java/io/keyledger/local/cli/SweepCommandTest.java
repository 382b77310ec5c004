package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** `keyledger sweep --snapshot` over saved AWS CLI, az and gcloud listings. */
class SweepCommandTest {

    @TempDir
    Path home;

    private static Path snapshot() throws URISyntaxException {
        return Path.of(SweepCommandTest.class.getResource("/snapshot").toURI());
    }

    @Test
    void aFirstSweepFindsEveryKeyUntrackedAndASecondConfirmsThem() throws Exception {
        CliHarness cli = new CliHarness(home);

        CliHarness.Result first = cli.run("sweep", "--snapshot", snapshot().toString(), "--format", "json");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode reports = first.json();
        assertThat(reports.findValuesAsString("scope")).anyMatch(s -> s.startsWith("aws:111122223333:"))
                .anyMatch(s -> s.startsWith("azure:")).anyMatch(s -> s.startsWith("gcp:"));
        long untracked = 0;
        for (JsonNode r : reports) {
            untracked += r.get("counts").get("untracked").asLong();
            assertThat(r.get("counts").get("missing").asLong()).isZero();
            assertThat(r.get("partial").asBoolean()).isFalse();
        }
        assertThat(untracked).isPositive();
        JsonNode keys = cli.run("keys", "--format", "json").json();
        assertThat(keys.size()).isEqualTo((int) untracked);

        cli.clock.advance(Duration.ofMinutes(5));
        CliHarness.Result second = cli.run("sweep", "--snapshot", snapshot().toString(), "--format", "json");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        for (JsonNode r : second.json()) {
            assertThat(r.get("counts").get("confirmed").asLong() + r.get("counts").get("untracked").asLong()
                    + r.get("counts").get("drifted").asLong()).isEqualTo(r.get("keys").size());
            assertThat(r.get("counts").get("untracked").asLong()).as(r.toString()).isZero();
            assertThat(r.get("counts").get("drifted").asLong()).as(r.toString()).isZero();
            assertThat(r.get("inventoryCoverage").asDouble()).isEqualTo(1.0);
        }
        assertThat(cli.run("sweeps", "--format", "json").json().size()).isEqualTo(2 * reports.size());
        assertThat(cli.run("verify").exitCode()).isZero();
    }

    @Test
    void eventsIngestedInTheProvidersFormatsAreConfirmedBySweepingTheirListing() throws Exception {
        CliHarness cli = new CliHarness(home);
        Path trail = home.resolve("trail.json");
        try (InputStream in = getClass().getResourceAsStream(
                "/io/keyledger/aws/demo/111122223333_CloudTrail_us-east-1_20260301T0800Z_keyledgerdemo.json")) {
            Files.copy(in, trail);
        }
        CliHarness.Result ingest = cli.run("ingest", trail.toString());
        assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
        assertThat(cli.run("keys", "--provider", "aws", "--format", "json").json().size()).isPositive();

        CliHarness.Result table = cli.run("sweep", "--snapshot", snapshot().toString());

        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("SWEEP", "INVENTORY COVERAGE", "aws:111122223333:us-east-1");
    }

    @Test
    void aDirectoryWithoutListingsIsAnError() throws IOException {
        CliHarness cli = new CliHarness(home);
        Path empty = Files.createDirectories(home.resolve("empty"));

        CliHarness.Result r = cli.run("sweep", "--snapshot", empty.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no saved listings found");
    }
}
