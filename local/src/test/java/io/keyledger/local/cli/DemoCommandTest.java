package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class DemoCommandTest {

    @TempDir
    Path home;

    @Test
    void buildsTheDemoDatabaseAndPrintsTheInventory() {
        CliHarness cli = new CliHarness(home);

        CliHarness.Result r = cli.run("demo");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as("only the notice that the signing key was made")
                .startsWith("Created the ledger signing key " + home.resolve("ledger-signing-key.pem")).hasLineCount(1);
        assertThat(r.out()).contains("Created demo database " + home.resolve("demo.db"))
                .contains("ingested 6 files")
                .contains("1 duplicate, 0 rejected")
                .contains("TENANT   PROVIDER  STATE")
                .contains("ledger intact")
                .contains("keys by state:    ACTIVE 10, DEACTIVATED 4, DESTROYED 1")
                .contains("keys by provider: aws 6, azure 6, gcp 3");
    }

    @Test
    void sweepsTheBundledListingsUnderAPolicyWithCustodiansAndWritesTheEvidence() throws IOException {
        CliHarness cli = new CliHarness(home);

        CliHarness.Result r = cli.run("demo");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        // Every scope the sample events name is swept; the logs missed an AWS managed key, an audit gap.
        assertThat(r.out()).contains("aws:111122223333:us-east-1", "azure:6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b:contoso-prod-kv",
                "azure:6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b:contoso-mhsm", "gcp:acme-analytics:europe-west1");
        JsonNode sweeps = cli.run("sweeps", "--db", home.resolve("demo.db").toString(), "--format", "json").json();
        assertThat(sweeps).hasSize(4);
        assertThat(sweeps.findValues("untracked").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(1);
        assertThat(sweeps.findValues("missing").stream().mapToLong(JsonNode::asLong).sum()).isZero();
        assertThat(Files.readString(home.resolve("demo-policy.yaml"))).contains("custodians");
        assertThat(home.resolve("demo-listings/aws/111122223333/us-east-1/list-keys.json")).isRegularFile();
        assertThat(Files.readString(home.resolve("demo-evidence.html"))).startsWith("<!DOCTYPE html>")
                .contains("<svg");
        // The sweep establishes completeness; custodians make monitoring whole; what the sample lacks stays unmet.
        assertThat(line(r.out(), "CEK-21.3")).contains("NOT MET       MET");
        assertThat(line(r.out(), "CEK-21.8")).contains("MET           MET");
        assertThat(line(r.out(), "CEK-21.2")).contains("NOT MET       NOT MET").contains("usage context");
        assertThat(line(r.out(), "overall")).contains("NOT MET       NOT MET");

        JsonNode evidence = cli.run("report", "evidence", "--db", home.resolve("demo.db").toString(), "--policy",
                home.resolve("demo-policy.yaml").toString(), "--format", "json").json();
        assertThat(evidence.get("charts").get("history").size()).isGreaterThanOrEqualTo(2);
        assertThat(evidence.get("guidelines").get(7).get("verdict").asString()).isEqualTo("MET");
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.strip().startsWith(start + " ")).findFirst().orElseThrow();
    }

    @Test
    void coversTheLifecycleCasesItPromises() {
        CliHarness cli = new CliHarness(home);
        cli.run("demo");
        String db = home.resolve("demo.db").toString();

        JsonNode keys = cli.run("keys", "--db", db, "--format", "json").json();
        assertThat(keys.findValuesAsString("provider")).contains("aws", "azure", "gcp");
        assertThat(keys.findValuesAsString("state")).contains("ACTIVE", "DEACTIVATED", "DESTROYED");
        assertThat(keys.findValuesAsString("origin")).contains("IMPORTED");
        Map<String, JsonNode> byId = new HashMap<>();
        keys.forEach(k -> byId.put(k.get("id").asString(), k));
        assertThat(keys).anySatisfy(k -> assertThat(k.get("aiUsage").asBoolean()).isTrue());

        boolean sawFailure = false;
        boolean sawScheduledDestruction = false;
        for (String id : byId.keySet()) {
            JsonNode history = cli.run("history", "--db", db, id, "--format", "json").json();
            sawFailure |= history.findValuesAsString("outcome").contains("FAILURE");
            sawScheduledDestruction |= history.findValuesAsString("action").contains("SCHEDULE_DESTRUCTION");
        }
        assertThat(sawFailure).as("a failed call in some key's history").isTrue();
        assertThat(sawScheduledDestruction).as("a scheduled destruction").isTrue();
        assertThat(cli.run("verify", "--db", db).exitCode()).isZero();
    }

    @Test
    void replacesAPreviousDemoDatabase() {
        CliHarness cli = new CliHarness(home);
        cli.run("demo");
        cli.run("legal-hold", "place", "--db", home.resolve("demo.db").toString(), "--tenant", "default", "--reason", "x");

        CliHarness.Result again = cli.run("demo");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("64 applied, 1 duplicate");
        assertThat(home.resolve("demo-evidence.html")).isRegularFile();
        assertThat(cli.run("legal-hold", "list", "--db", home.resolve("demo.db").toString()).out()).contains("No legal holds.");
    }

    @Test
    void neverOverwritesADatabaseNamedWithDb() throws IOException {
        Path existing = Files.writeString(home.resolve("precious.db"), "not to be lost");
        CliHarness cli = new CliHarness(home);

        CliHarness.Result r = cli.run("demo", "--db", existing.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("already exists");
        assertThat(Files.readString(existing)).isEqualTo("not to be lost");
        assertThat(cli.run("demo", "--db", home.resolve("fresh.db").toString()).exitCode()).isZero();
        assertThat(home.resolve("fresh-evidence.html")).isRegularFile();
    }

    @Test
    void neverOverwritesAFileBesideADatabaseNamedWithDb() throws IOException {
        Path policy = Files.writeString(home.resolve("other-policy.yaml"), "mine");
        CliHarness cli = new CliHarness(home);

        CliHarness.Result r = cli.run("demo", "--db", home.resolve("other.db").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(policy + " already exists");
        assertThat(Files.readString(policy)).isEqualTo("mine");
        assertThat(home.resolve("other.db")).doesNotExist();
    }
}
