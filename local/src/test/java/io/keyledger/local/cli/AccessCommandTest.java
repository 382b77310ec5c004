package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Tokens issued are role grants in the ledger; {@code keyledger access} shows them, and a review covers them. */
class AccessCommandTest {

    @TempDir
    Path home;

    private JsonNode accessEvidence(CliHarness cli) {
        JsonNode evidence = cli.run("report", "evidence", "--format", "json").json();
        for (JsonNode g : evidence.get("guidelines")) {
            if (g.get("id").asString().equals("CEK-21.5")) {
                return g;
            }
        }
        throw new AssertionError("no CEK-21.5 in " + evidence);
    }

    @Test
    void tokensAreGrantsUntilReviewedAndTheEvidenceFollows() {
        CliHarness cli = new CliHarness(home);
        CliHarness.write(home.resolve("events.jsonl"), CliHarness.sampleLines());
        assertThat(cli.run("ingest", home.resolve("events.jsonl").toString()).exitCode()).isZero();
        assertThat(accessEvidence(cli).get("verdict").asString()).isEqualTo("NOT_MET");
        assertThat(accessEvidence(cli).get("reason").asString()).contains("no principal holds a role");

        assertThat(cli.run("token", "--tenant", "default", "--role", "auditor", "--subject", "ann").exitCode()).isZero();
        CliHarness.Result listed = cli.run("access");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out()).contains("ann", "auditor", "local token", "NO")
                .contains("default: 1 grants, 1 not reviewed; 0 requests refused; access never reviewed");
        assertThat(accessEvidence(cli).get("reason").asString()).contains("never been reviewed");

        CliHarness.Result review = cli.run("access", "review", "--tenant", "default", "--note", "Q1");
        assertThat(review.exitCode()).as(review.toString()).isZero();
        assertThat(review.out()).contains("Recorded an access review of tenant default by local:tester: 1 grants reviewed.");
        JsonNode after = accessEvidence(cli);
        assertThat(after.get("verdict").asString()).as(after.toString()).isEqualTo("MET");
        assertThat(after.get("figures").get("lastAccessReviewBy").asString()).isEqualTo("local:tester");

        JsonNode json = cli.run("access", "--format", "json").json();
        assertThat(json.get(0).get("grants").get(0).get("reviewed").asBoolean()).isTrue();
        assertThat(json.get(0).get("lastReview").get("note").asString()).isEqualTo("Q1");

        // A token past its expiry holds nothing; the review stays, over no grant.
        cli.clock.advance(Duration.ofHours(9));
        assertThat(accessEvidence(cli).get("verdict").asString()).isEqualTo("NOT_MET");
    }

    @Test
    void aReviewOfATenantThatIsNotThereIsAnError() {
        CliHarness cli = new CliHarness(home);
        CliHarness.write(home.resolve("events.jsonl"), CliHarness.sampleLines());
        cli.run("ingest", home.resolve("events.jsonl").toString());

        CliHarness.Result r = cli.run("access", "review", "--tenant", "nowhere");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no tenant 'nowhere'");
    }
}
