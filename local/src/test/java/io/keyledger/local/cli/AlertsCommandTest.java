package io.keyledger.local.cli;

import static io.keyledger.local.cli.CliHarness.AWS_PROD;
import static io.keyledger.local.cli.CliHarness.awsEvent;
import static io.keyledger.local.cli.CliHarness.created;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Anomaly detection from the command line: ingest raises alerts, `alerts` lists them, `alerts ack` acknowledges. */
class AlertsCommandTest {

    @TempDir
    Path home;

    private CliHarness ingestCompromise(CliHarness cli) {
        Path file = CliHarness.write(home.resolve("events.jsonl"), List.of(
                awsEvent("e-1", "2026-02-01T09:00:00Z", "CREATE", AWS_PROD, "k-1", created("AES-256", "Enabled")),
                awsEvent("e-2", "2026-02-02T09:00:00Z", "DECLARE_COMPROMISE", AWS_PROD, "k-1", Map.of())));
        CliHarness.Result r = cli.run("ingest", file.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("raised: see 'keyledger alerts'");
        return cli;
    }

    @Test
    void aDeclaredCompromiseRaisesAnAlertThatIsListedAndWrittenToTheAlertsFile() throws Exception {
        CliHarness cli = ingestCompromise(new CliHarness(home));

        JsonNode alerts = cli.run("alerts", "--format", "json").json();

        assertThat(alerts.findValuesAsString("rule")).contains("compromise-declared");
        assertThat(alerts.findValuesAsString("status")).containsOnly("OPEN");
        assertThat(Files.readString(home.resolve("alerts.jsonl"))).contains("compromise-declared");
    }

    @Test
    void aRedeliveryRaisesNothingNew() {
        CliHarness cli = ingestCompromise(new CliHarness(home));
        int before = cli.run("alerts", "--format", "json").json().size();

        CliHarness.Result again = cli.run("ingest", home.resolve("events.jsonl").toString());

        assertThat(again.out()).doesNotContain("raised");
        assertThat(cli.run("alerts", "--format", "json").json().size()).isEqualTo(before);
    }

    @Test
    void acknowledgingIsLedgeredAndMovesTheAlertOutOfTheOpenList() {
        CliHarness cli = ingestCompromise(new CliHarness(home));
        String id = cli.run("alerts", "--format", "json").json().get(0).get("id").asString();

        CliHarness.Result ack = cli.run("alerts", "ack", id);

        assertThat(ack.exitCode()).as(ack.toString()).isZero();
        assertThat(ack.out()).contains("acknowledged " + id).contains("local:tester");
        assertThat(cli.run("alerts", "--status", "open", "--format", "json").json().findValuesAsString("id"))
                .doesNotContain(id);
        assertThat(cli.run("alerts", "--status", "acknowledged", "--format", "json").json().get(0)
                .get("acknowledgedBy").asString()).isEqualTo("local:tester");
        CliHarness.Result twice = cli.run("alerts", "ack", id);
        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.err()).contains("already acknowledged");
        assertThat(cli.run("verify").exitCode()).isZero();
    }

    @Test
    void anUnknownAlertIsAnError() {
        CliHarness cli = ingestCompromise(new CliHarness(home));

        CliHarness.Result r = cli.run("alerts", "ack", "al-nope");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no alert al-nope");
    }

    @Test
    void reviewFindsAKeyExpiringSoon() {
        CliHarness cli = new CliHarness(home);
        Path file = CliHarness.write(home.resolve("events.jsonl"), List.of(awsEvent("e-1", "2026-02-01T09:00:00Z",
                "CREATE", AWS_PROD, "k-exp", CliHarness.with(created("AES-256", "Enabled"), "expiresAt",
                        "2026-03-05T00:00:00Z"))));
        cli.run("ingest", file.toString());

        CliHarness.Result r = cli.run("review", "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().findValuesAsString("rule")).contains("expiring");
    }

    @Test
    void aBadPolicyFileIsReportedWithItsField() throws Exception {
        Files.writeString(home.resolve("policy.yaml"), "rules:\n  burst:\n    window: soon\n");
        CliHarness cli = new CliHarness(home);
        Path file = CliHarness.write(home.resolve("events.jsonl"), CliHarness.sampleLines());

        CliHarness.Result r = cli.run("ingest", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("policy.yaml").contains("window");
    }
}
