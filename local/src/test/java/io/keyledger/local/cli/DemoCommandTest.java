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
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Created demo database " + home.resolve("demo.db"))
                .contains("1 duplicate, 0 rejected")
                .contains("TENANT   PROVIDER  STATE")
                .contains("ledger intact")
                .contains("keys by state:    ACTIVE 6, DEACTIVATED 1, DESTROYED 1, PRE_ACTIVATION 1, SUSPENDED 2")
                .contains("keys by provider: aws 6, azure 3, gcp 2");
    }

    @Test
    void coversTheLifecycleCasesItPromises() {
        CliHarness cli = new CliHarness(home);
        cli.run("demo");
        String db = home.resolve("demo.db").toString();

        JsonNode keys = cli.run("keys", "--db", db, "--format", "json").json();
        Map<String, JsonNode> byAlias = new HashMap<>();
        keys.forEach(k -> k.get("aliases").forEach(a -> byAlias.put(a.asString(), k)));
        assertThat(byAlias.get("alias/aws/s3").get("manager").asString()).isEqualTo("PROVIDER");
        assertThat(keys.findValuesAsString("state")).contains("PRE_ACTIVATION", "DESTROYED", "DEACTIVATED", "SUSPENDED");
        List<String> origins = keys.findValuesAsString("origin");
        assertThat(origins).contains("IMPORTED");

        String payments = byAlias.get("alias/payments-db").get("id").asString();
        JsonNode history = cli.run("history", "--db", db, payments, "--format", "json").json();
        assertThat(history.findValuesAsString("outcome")).contains("FAILURE");

        JsonNode legacy = cli.run("history", "--db", db,
                "aws:arn:aws:kms:eu-west-1:111122223333:key/2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d", "--format", "json").json();
        assertThat(legacy.findValuesAsString("action")).containsSubsequence("SCHEDULE_DESTRUCTION", "CANCEL_DESTRUCTION");
        assertThat(cli.run("verify", "--db", db).exitCode()).isZero();
    }

    @Test
    void replacesAPreviousDemoDatabase() {
        CliHarness cli = new CliHarness(home);
        cli.run("demo");
        cli.run("legal-hold", "place", "--db", home.resolve("demo.db").toString(), "--tenant", "default", "--reason", "x");

        CliHarness.Result again = cli.run("demo");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("32 applied, 1 duplicate");
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
