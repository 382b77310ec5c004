package io.keyledger.local.cli;

import static io.keyledger.local.cli.CliHarness.AWS_DEV;
import static io.keyledger.local.cli.CliHarness.AWS_PROD;
import static io.keyledger.local.cli.CliHarness.awsEvent;
import static io.keyledger.local.cli.CliHarness.awsKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention is seven years by default: the test moves the clock past it instead of waiting. */
class PurgeExpiredCommandTest {

    private static final String PAYMENTS = awsKey(AWS_PROD, "k-payments");
    private static final String LEGACY = awsKey(AWS_PROD, "k-legacy");
    private static final String DEV = awsKey(AWS_DEV, "k-dev");

    @TempDir
    Path home;

    private CliHarness cli;

    @BeforeEach
    void ingestSample() {
        cli = new CliHarness(home);
        cli.ingestSample(awsEvent("e-7", "2025-03-01T00:00:00Z", "DESTROY", AWS_DEV, "k-dev", Map.of()));
    }

    @Test
    void purgesNothingBeforeRetentionEnds() {
        CliHarness.Result r = cli.run("purge-expired");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("tenant default: nothing expired" + System.lineSeparator());
    }

    @Test
    void purgesWhatExpiredButWhatIsHeldAndTheLedgerStillVerifies() {
        cli.run("legal-hold", "place", "--tenant", "default", "--key", PAYMENTS, "--reason", "litigation");
        cli.clock.set(Instant.parse("2034-01-01T00:00:00Z"));

        CliHarness.Result r = cli.run("purge-expired", "--tenant", "default");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("tenant default: purged 5 events, \\d+ ledger records, 1 key records");
        assertThat(cli.run("history", PAYMENTS).exitCode()).isZero();
        CliHarness.Result purgedHistory = cli.run("history", LEGACY);
        assertThat(purgedHistory.exitCode()).isEqualTo(1);
        assertThat(purgedHistory.err()).contains("key '" + LEGACY + "' in tenant default has no history left");
        List<String> keys = new ArrayList<>();
        cli.run("keys", "--format", "json").json().forEach(k -> keys.add(k.get("id").asString()));
        assertThat(keys).contains(PAYMENTS, LEGACY).doesNotContain(DEV);

        CliHarness.Result verify = cli.run("verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).doesNotContain(" 0 purged records attested");

        assertThat(cli.run("purge-expired").out()).contains("tenant default: nothing expired");
    }
}
