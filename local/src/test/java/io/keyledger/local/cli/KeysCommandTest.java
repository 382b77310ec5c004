package io.keyledger.local.cli;

import static io.keyledger.local.cli.CliHarness.AWS_DEV;
import static io.keyledger.local.cli.CliHarness.AWS_PROD;
import static io.keyledger.local.cli.CliHarness.awsEvent;
import static io.keyledger.local.cli.CliHarness.awsKey;
import static io.keyledger.local.cli.CliHarness.created;
import static io.keyledger.local.cli.CliHarness.gcpEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class KeysCommandTest {

    @TempDir
    Path home;

    private CliHarness cli;

    @BeforeEach
    void ingestSample() {
        cli = new CliHarness(home);
        cli.ingestSample(gcpEvent("g-1", "2025-01-20T10:00:00Z", "CREATE", "acme-ml", "models",
                CliHarness.with(created("AES-256", "ENABLED"), "owner", "ML team, \"research\"")));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(k -> ids.add(k.get("id").asString()));
        return ids;
    }

    @Test
    void printsTheJsonContractFields() {
        CliHarness.Result r = cli.run("keys", "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode keys = r.json();
        assertThat(keys.isArray()).isTrue();
        assertThat(keys.size()).isEqualTo(4);
        JsonNode legacy = keys.get(0);
        assertThat(legacy.get("id").asString()).isEqualTo(awsKey(AWS_PROD, "k-legacy"));
        assertThat(legacy.get("tenant").asString()).isEqualTo("default");
        assertThat(legacy.get("provider").asString()).isEqualTo("aws");
        assertThat(legacy.get("state").asString()).isEqualTo("SUSPENDED");
        assertThat(legacy.get("nativeState").asString()).isEqualTo("Disabled");
        assertThat(legacy.get("algorithm").asString()).isEqualTo("AES-128");
        assertThat(legacy.get("owner").asString()).isEqualTo("data-platform");
        assertThat(legacy.get("kind").asString()).isEqualTo("SYMMETRIC");
        assertThat(legacy.get("protection").asString()).isEqualTo("HSM");
        assertThat(legacy.get("origin").asString()).isEqualTo("GENERATED");
        assertThat(legacy.get("manager").asString()).isEqualTo("CUSTOMER");
        assertThat(legacy.get("createdAt").asString()).isEqualTo("2025-01-11T09:00:00Z");
        assertThat(legacy.get("destroyedAt").isNull()).isTrue();
        assertThat(legacy.get("partiallyObserved").asBoolean()).isFalse();
        assertThat(legacy.get("lastEventAt").asString()).isEqualTo("2025-02-01T09:00:00Z");
        assertThat(legacy.get("aliases").isArray()).isTrue();
        assertThat(legacy.get("tags").isObject()).isTrue();

        JsonNode dev = keys.get(2);
        assertThat(dev.get("id").asString()).isEqualTo(awsKey(AWS_DEV, "k-dev"));
        // No owner tag: the creator is the owner, marked inferred.
        assertThat(dev.get("ownerBasis").asString()).isEqualTo("CREATOR");
        assertThat(dev.get("ownerInferred").asBoolean()).isTrue();
        assertThat(legacy.get("ownerBasis").asString()).isNotEqualTo("CREATOR");
        assertThat(legacy.get("responsibilityParty").asString()).isEqualTo("CUSTOMER");
        assertThat(dev.get("aliases").get(0).asString()).isEqualTo("alias/dev");
        assertThat(keys.get(3).get("provider").asString()).isEqualTo("gcp");
    }

    @Test
    void printsCsvWithAHeaderAndQuotedFields() {
        CliHarness.Result r = cli.run("keys", "--format", "csv", "--provider", "gcp");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String[] rows = r.out().split("\r\n");
        assertThat(rows).hasSize(2);
        assertThat(rows[0]).startsWith("tenant,id,provider,accountScope,location,state,nativeState,");
        assertThat(rows[1]).startsWith("default,gcp:projects/acme-ml/locations/europe-west1/keyRings/ring/cryptoKeys/models,gcp,")
                .contains(",\"ML team, \"\"research\"\"\",");
    }

    @Test
    void filtersByProviderStateOwnerAndTenant() {
        assertThat(ids(cli.run("keys", "--format", "json", "--provider", "aws").json())).hasSize(3);
        assertThat(ids(cli.run("keys", "--format", "json", "--provider", "GOOGLE").json()))
                .containsExactly("gcp:projects/acme-ml/locations/europe-west1/keyRings/ring/cryptoKeys/models");
        assertThat(ids(cli.run("keys", "--format", "json", "--state", "suspended").json()))
                .containsExactly(awsKey(AWS_PROD, "k-legacy"));
        assertThat(ids(cli.run("keys", "--format", "json", "--owner", "payments-team").json()))
                .containsExactly(awsKey(AWS_PROD, "k-payments"));
        assertThat(ids(cli.run("keys", "--format", "json", "--tenant", "default", "--state", "ACTIVE",
                "--provider", "aws").json())).containsExactly(awsKey(AWS_PROD, "k-payments"), awsKey(AWS_DEV, "k-dev"));
    }

    @Test
    void printsAnAlignedTable() {
        CliHarness.Result r = cli.run("keys");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("TENANT   PROVIDER  STATE      NATIVE STATE  ALGORITHM");
        int stateColumn = lines.get(0).indexOf("STATE");
        assertThat(lines.get(1).substring(stateColumn)).startsWith("SUSPENDED");
        assertThat(lines.get(2).substring(stateColumn)).startsWith("ACTIVE");
        assertThat(lines.get(1)).endsWith(awsKey(AWS_PROD, "k-legacy"));
        assertThat(r.out()).contains("4 keys");
    }

    @Test
    void saysSoWhenNoKeyMatches() {
        CliHarness.Result r = cli.run("keys", "--state", "DESTROYED");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("No keys." + System.lineSeparator());
        assertThat(cli.run("keys", "--state", "DESTROYED", "--format", "json").json().size()).isZero();
    }

    @Test
    void namesAnUnknownTenant() {
        CliHarness.Result r = cli.run("keys", "--tenant", "nobody");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no tenant 'nobody' in ").contains("(tenants: default)");
    }

    @Test
    void refusesAnUnknownProviderOrStateAsAUsageError() {
        CliHarness.Result provider = cli.run("keys", "--provider", "oracle");
        CliHarness.Result state = cli.run("keys", "--state", "BROKEN");

        assertThat(provider.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(provider.err()).contains("unknown provider 'oracle'");
        assertThat(state.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(state.err()).contains("--state");
    }

    @Test
    void pagesThroughMoreKeysThanOnePage() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1205; i++) {
            lines.add(awsEvent("p-" + i, "2025-03-01T00:00:00Z", "CREATE", "999988887777", String.format("k%05d", i),
                    Map.of("algorithm", "AES-256")));
        }
        CliHarness.Result ingest = cli.run("ingest", "--tenant", "big",
                CliHarness.write(home.resolve("many.jsonl"), lines).toString());
        assertThat(ingest.exitCode()).as(ingest.toString()).isZero();

        List<String> ids = ids(cli.run("keys", "--tenant", "big", "--format", "json").json());

        assertThat(ids).hasSize(1205).doesNotHaveDuplicates().isSorted();
    }
}
