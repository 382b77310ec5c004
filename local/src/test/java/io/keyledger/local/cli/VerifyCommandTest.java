package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @TempDir
    Path home;

    private CliHarness cli;

    @BeforeEach
    void ingestSample() {
        cli = new CliHarness(home);
        CliHarness.Result r = cli.run("ingest", "--tenant", "acme",
                CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines()).toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    /** Changes the stored database behind KeyLedger's back, as an attacker with file access could. */
    private void tamper(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.db());
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void reportsAnIntactLedger() {
        CliHarness.Result r = cli.run("verify");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("tenant acme: intact; \\d+ records checked, 0 purged records attested, "
                + "0 archived segments, 3 keys and 5 events checked against it, head \\d+ [0-9a-f]{64}")
                .containsPattern("checkpoints: verified; newest covers record \\d+, signed 2026-03-01T12:00:00Z \\(0 s ago\\) "
                        + "by key [A-Za-z0-9_-]{43}, also in the checkpoints file")
                .contains("Ledger intact.");
    }

    @Test
    void namesTheAlteredRecord() throws SQLException {
        tamper("UPDATE ledger SET payload = replace(payload, 'alice', 'eve') WHERE tenant = ? AND sequence = ?",
                "acme", 3);

        CliHarness.Result r = cli.run("verify");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("tenant acme: BROKEN at record 3: ALTERED (content does not match its hash)")
                .contains("1 of 1 ledger BROKEN.");
    }

    @Test
    void namesARemovedRecord() throws SQLException {
        tamper("DELETE FROM ledger WHERE tenant = ? AND sequence = ?", "acme", 4);

        CliHarness.Result r = cli.run("verify", "--tenant", "acme");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("BROKEN at record 4: MISSING");
    }

    @Test
    void verifiesEveryTenantAndFailsIfAnyIsBroken() throws SQLException {
        cli.run("ingest", "--tenant", "beta", CliHarness.write(home.resolve("beta.jsonl"), CliHarness.sampleLines()).toString());
        tamper("UPDATE ledger SET recorded_at = ? WHERE tenant = ? AND sequence = ?", "2020-01-01T00:00:00Z", "beta", 1);

        CliHarness.Result all = cli.run("verify");
        CliHarness.Result acme = cli.run("verify", "--tenant", "acme");

        assertThat(all.exitCode()).isEqualTo(1);
        assertThat(all.out()).contains("tenant acme: intact").contains("tenant beta: BROKEN at record 1: ALTERED")
                .contains("1 of 2 ledgers BROKEN.");
        assertThat(acme.exitCode()).isZero();
    }

    @Test
    void failsWithoutADatabase() {
        CliHarness.Result r = cli.run("verify", "--db", home.resolve("none.db").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no KeyLedger database at " + home.resolve("none.db"));
    }
}
