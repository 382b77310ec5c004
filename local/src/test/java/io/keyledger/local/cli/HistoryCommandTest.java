package io.keyledger.local.cli;

import static io.keyledger.local.cli.CliHarness.AWS_PROD;
import static io.keyledger.local.cli.CliHarness.awsEvent;
import static io.keyledger.local.cli.CliHarness.awsKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class HistoryCommandTest {

    @TempDir
    Path home;

    private CliHarness cli;

    @BeforeEach
    void ingestSample() {
        cli = new CliHarness(home);
        cli.ingestSample("{\"eventId\":\"e-6\",\"eventTime\":\"2025-03-01T00:00:00Z\",\"action\":\"DESTROY\","
                + "\"key\":{\"provider\":\"aws\",\"accountScope\":\"" + AWS_PROD + "\",\"location\":\"eu-west-1\","
                + "\"nativeId\":\"arn:aws:kms:eu-west-1:" + AWS_PROD + ":key/k-legacy\"},"
                + "\"actor\":{\"principal\":\"arn:aws:iam::" + AWS_PROD + ":user/mallory\",\"type\":\"USER\","
                + "\"sourceIp\":\"192.0.2.7\"},"
                + "\"outcome\":{\"status\":\"FAILURE\",\"errorCode\":\"AccessDeniedException\"},"
                + "\"source\":{\"kind\":\"cloudtrail\",\"operation\":\"ScheduleKeyDeletion\"}}");
    }

    @Test
    void printsTheHistoryAsJson() {
        CliHarness.Result r = cli.run("history", awsKey(AWS_PROD, "k-legacy"), "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode entries = r.json();
        assertThat(entries.size()).isEqualTo(3);
        JsonNode create = entries.get(0);
        assertThat(create.get("eventId").asString()).isEqualTo("e-2");
        assertThat(create.get("eventTime").asString()).isEqualTo("2025-01-11T09:00:00Z");
        assertThat(create.get("action").asString()).isEqualTo("CREATE");
        assertThat(create.get("actor").asString()).isEqualTo("arn:aws:iam::" + AWS_PROD + ":user/alice");
        assertThat(create.get("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(create.get("errorCode").isNull()).isTrue();
        assertThat(create.get("stateBefore").isNull()).isTrue();
        assertThat(create.get("stateAfter").asString()).isEqualTo("ACTIVE");
        assertThat(create.get("nativeState").asString()).isEqualTo("Enabled");
        assertThat(create.get("flag").isNull()).isTrue();
        assertThat(create.get("receivedAt").asString()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(create.get("tenant").asString()).isEqualTo("default");

        JsonNode disable = entries.get(1);
        assertThat(disable.get("stateBefore").asString()).isEqualTo("ACTIVE");
        assertThat(disable.get("stateAfter").asString()).isEqualTo("SUSPENDED");
        assertThat(disable.get("nativeState").asString()).isEqualTo("Disabled");

        JsonNode refused = entries.get(2);
        assertThat(refused.get("outcome").asString()).isEqualTo("FAILURE");
        assertThat(refused.get("errorCode").asString()).isEqualTo("AccessDeniedException");
        assertThat(refused.get("stateBefore").asString()).isEqualTo("SUSPENDED");
        assertThat(refused.get("stateAfter").asString()).isEqualTo("SUSPENDED");
        assertThat(refused.get("sourceIp").asString()).isEqualTo("192.0.2.7");
        assertThat(refused.get("source").get("kind").asString()).isEqualTo("cloudtrail");
        assertThat(refused.get("source").get("operation").asString()).isEqualTo("ScheduleKeyDeletion");
    }

    @Test
    void printsTheHistoryAsATableAndAsCsv() {
        CliHarness.Result table = cli.run("history", awsKey(AWS_PROD, "k-legacy"));
        CliHarness.Result csv = cli.run("history", awsKey(AWS_PROD, "k-legacy"), "--format", "csv", "--tenant", "default");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("History of " + awsKey(AWS_PROD, "k-legacy") + " in tenant default (3 entries):")
                .contains("ACTIVE -> SUSPENDED")
                .contains("FAILURE AccessDeniedException");
        assertThat(csv.exitCode()).isZero();
        assertThat(csv.out().split("\r\n")).hasSize(4);
        assertThat(csv.out()).startsWith("tenant,keyId,eventId,eventTime,action,");
    }

    @Test
    void findsTheKeyInWhicheverTenantHoldsIt() {
        cli.run("ingest", "--tenant", "other", CliHarness.write(home.resolve("other.jsonl"), List.of(
                awsEvent("o-1", "2025-05-01T00:00:00Z", "CREATE", "555566667777", "k-other", Map.of()))).toString());

        CliHarness.Result r = cli.run("history", awsKey("555566667777", "k-other"), "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().get(0).get("tenant").asString()).isEqualTo("other");
    }

    @Test
    void failsForAnUnknownKeyNamingTheTenantsSearched() {
        CliHarness.Result r = cli.run("history", "aws:arn:aws:kms:eu-west-1:1:key/none");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no key 'aws:arn:aws:kms:eu-west-1:1:key/none' in tenant default");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aKeyKnownFromItsUsesOnlySaysSoAndWhatItProtects() {
        CliHarness.Result ingested = cli.run("ingest", CliHarness.write(home.resolve("uses.jsonl"), List.of(
                awsEvent("u-1", "2025-04-01T10:00:00Z", "USE", AWS_PROD, "k-used", Map.of("usage.service",
                        "s3.amazonaws.com", "usage.resource", "arn:aws:s3:::payments-archive")),
                awsEvent("u-2", "2025-04-01T11:00:00Z", "USE", AWS_PROD, "k-legacy", Map.of(
                        "usage.resource", "arn:aws:s3:::legacy-exports")))).toString());
        assertThat(ingested.exitCode()).as(ingested.toString()).isZero();

        CliHarness.Result usedOnly = cli.run("history", CliHarness.awsKey(AWS_PROD, "k-used"));
        assertThat(usedOnly.exitCode()).isEqualTo(1);
        assertThat(usedOnly.err()).contains("known from its uses only").contains("it protects arn:aws:s3:::payments-archive");

        CliHarness.Result legacy = cli.run("history", CliHarness.awsKey(AWS_PROD, "k-legacy"));
        assertThat(legacy.exitCode()).as(legacy.toString()).isZero();
        assertThat(legacy.out()).contains("Protects, from its uses: arn:aws:s3:::legacy-exports");
    }
}
