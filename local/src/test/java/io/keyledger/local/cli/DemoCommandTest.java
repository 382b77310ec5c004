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
                .contains("keys by state:    ACTIVE 9, DEACTIVATED 4, DESTROYED 1")
                .contains("keys by provider: aws 5, azure 6, gcp 3");
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
    }
}
