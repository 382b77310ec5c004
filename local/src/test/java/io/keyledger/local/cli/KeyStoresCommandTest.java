package io.keyledger.local.cli;

import static io.keyledger.local.cli.CliHarness.awsEvent;
import static io.keyledger.local.cli.CliHarness.created;
import static io.keyledger.local.cli.CliHarness.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code keyledger key-stores}, and a policy file's owner tag keys reaching the keys. */
class KeyStoresCommandTest {

    private static final String ACCOUNT = "111122223333";

    @TempDir
    Path home;

    @Test
    void listsTheKeyStoresTheKeysNameWithTheirKeys() {
        CliHarness cli = new CliHarness(home);
        List<String> lines = List.of(
                awsEvent("e-1", "2025-01-10T09:00:00Z", "CREATE", ACCOUNT, "k-hsm",
                        with(with(created("AES-256", "Enabled"), "customKeyStore", "cks-1234567890abcdef0"),
                                "tag.CostCentre", "cc-4711")),
                awsEvent("e-2", "2025-01-10T09:05:00Z", "CREATE", ACCOUNT, "k-plain", created("AES-256", "Enabled")));
        assertThat(cli.run("ingest", CliHarness.write(home.resolve("in.jsonl"), lines).toString()).exitCode()).isZero();

        CliHarness.Result table = cli.run("key-stores");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("AWS_CLOUDHSM").contains("aws:" + ACCOUNT + ":eu-west-1:cks-1234567890abcdef0");

        JsonNode json = cli.run("key-stores", "--format", "json").json();
        assertThat(json).singleElement().satisfies(s -> {
            assertThat(s.get("keys")).extracting(JsonNode::asString)
                    .containsExactly("aws:arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/k-hsm");
            assertThat(s.get("partiallyObserved").asBoolean()).isTrue();
        });
    }

    @Test
    void thePolicyFilesOwnerTagKeysNameTheOwner() {
        CliHarness.write(home.resolve("policy.yaml"), List.of("inventory:", "  owner-tags: [CostCentre]",
                "  owner-from-creator: false"));
        CliHarness cli = new CliHarness(home);
        List<String> lines = List.of(awsEvent("e-1", "2025-01-10T09:00:00Z", "CREATE", ACCOUNT, "k-1",
                with(with(created("AES-256", "Enabled"), "tag.CostCentre", "cc-4711"), "tag.Owner", "not-this")));
        assertThat(cli.run("ingest", CliHarness.write(home.resolve("in.jsonl"), lines).toString()).exitCode()).isZero();

        JsonNode key = cli.run("keys", "--format", "json").json().get(0);
        assertThat(key.get("owner").asString()).isEqualTo("cc-4711");
        assertThat(key.get("ownerBasis").asString()).isEqualTo("TAG");
        assertThat(cli.run("keys", "--owner", "cc-4711", "--format", "json").json()).hasSize(1);
    }
}
