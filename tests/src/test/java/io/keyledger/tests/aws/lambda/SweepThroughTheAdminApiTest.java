package io.keyledger.tests.aws.lambda;

import static io.keyledger.tests.aws.lambda.LambdaRig.ACME;
import static io.keyledger.tests.aws.lambda.LambdaRig.ADMIN;
import static io.keyledger.tests.aws.lambda.LambdaRig.AUDITOR;
import static io.keyledger.tests.aws.lambda.LambdaRig.JSON;
import static io.keyledger.tests.aws.lambda.LambdaRig.REGION;
import static io.keyledger.tests.aws.lambda.LambdaRig.get;
import static io.keyledger.tests.aws.lambda.LambdaRig.request;
import static io.keyledger.tests.aws.lambda.LambdaRig.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration;
import io.keyledger.core.alert.Rule;
import io.keyledger.testkit.emulator.EmulatorPerClass;
import io.keyledger.testkit.emulator.NodeEmulator;
import io.keyledger.tests.aws.CloudTrail;
import io.keyledger.tests.aws.lambda.LambdaRig.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AWS deployment's functions together, each through the real Lambda entry point, on one DynamoDB
 * table (dynalite) and the AWS fakes: KMS events arrive through {@code ingestQueue}, an admin starts a
 * sweep through {@code adminApi}, {@code sweepWorker} sweeps the queued scopes into the table, and an
 * auditor reads the reports, the keys and the alerts back through {@code adminApi}.
 */
class SweepThroughTheAdminApiTest {

    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");
    private static final String K_EVENTS_1 = "44444444-aaaa-4bbb-8ccc-000000000001";
    private static final String K_EVENTS_2 = "44444444-aaaa-4bbb-8ccc-000000000002";
    private static final String K_UNTRACKED = "44444444-aaaa-4bbb-8ccc-000000000003";

    @RegisterExtension
    static final EmulatorPerClass<NodeEmulator> dynalite = EmulatorPerClass.of(NodeEmulator::dynalite);

    /** A CloudTrail record as EventBridge forwards it to the ingest queue. */
    private static String eventBridge(String record) {
        JsonNode detail = JSON.readTree(record);
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0").put("id", "eb-" + detail.get("eventID").asString())
                .put("detail-type", "AWS API Call via CloudTrail").put("source", "aws.kms").put("account", ACME)
                .put("time", detail.get("eventTime").asString()).put("region", REGION);
        event.putArray("resources");
        event.set("detail", detail);
        return JSON.writeValueAsString(event);
    }

    private static String keyId(String id) {
        return "aws:arn:aws:kms:" + REGION + ":" + ACME + ":key/" + id;
    }

    @Test
    void eventsThenASweepStartedByAnAdminThenTheReportReadByAnAuditor() throws IOException {
        try (LambdaRig rig = new LambdaRig(dynalite.get())) {
            // GIVEN two keys whose creation CloudTrail reported, and one it did not
            for (String k : List.of(K_EVENTS_1, K_EVENTS_2)) {
                rig.aws.kms.addKey(ACME, REGION, k, CREATED).description("orders data").tag("Owner", "orders");
            }
            rig.aws.kms.addKey(ACME, REGION, K_UNTRACKED, CREATED.plusSeconds(3600));
            String ingested = rig.invoke(KeyLedgerLambdaConfiguration.INGEST_QUEUE, LambdaRig.sqsEventOfBodies(
                    List.of("e-1", "e-2"),
                    List.of(eventBridge(CloudTrail.createKey(ACME, REGION, K_EVENTS_1, CREATED, "orders")),
                            eventBridge(CloudTrail.createKey(ACME, REGION, K_EVENTS_2, CREATED, "orders")))));
            assertThat(JSON.readTree(ingested).get("batchItemFailures")).isEmpty();

            // WHEN an admin starts a sweep, and the worker takes what it queued
            rig.clock.advance(java.time.Duration.ofHours(1));
            Response started = response(rig.invoke(KeyLedgerLambdaConfiguration.ADMIN_API,
                    request("POST", "/sweeps", "", Optional.of(ADMIN), Map.of(), Optional.of("{}"))));
            assertThat(started.status()).isEqualTo(202);
            String sweepId = started.json().get("sweepId").asString();
            List<Message> queued = rig.receive();
            assertThat(queued).hasSize(2);
            String swept = rig.invoke(KeyLedgerLambdaConfiguration.SWEEP_WORKER, LambdaRig.sqsEvent(queued));
            assertThat(JSON.readTree(swept).get("batchItemFailures")).isEmpty();

            // THEN the auditor reads one report per scope, the keys classed, and the audit gap
            Response list = response(rig.invoke(KeyLedgerLambdaConfiguration.ADMIN_API, get("/sweeps", "", AUDITOR)));
            assertThat(list.status()).isEqualTo(200);
            List<String> scopes = new ArrayList<>();
            list.json().get("items").values().forEach(r -> {
                assertThat(r.get("sweepId").asString()).isEqualTo(sweepId);
                scopes.add(r.get("scope").asString());
            });
            assertThat(scopes).containsExactlyInAnyOrder("aws:" + ACME + ":us-east-1", "aws:" + ACME + ":eu-west-1");

            Response one = response(rig.invoke(KeyLedgerLambdaConfiguration.ADMIN_API,
                    get("/sweeps/" + URLEncoder.encode(sweepId, StandardCharsets.UTF_8), "", AUDITOR)));
            assertThat(one.status()).isEqualTo(200);
            Map<String, String> classes = new HashMap<>();
            one.json().get("reports").values().forEach(r -> r.get("keys").values()
                    .forEach(k -> classes.put(k.get("id").asString(), k.get("class").asString())));
            assertThat(classes).containsExactlyInAnyOrderEntriesOf(Map.of(keyId(K_EVENTS_1), "CONFIRMED",
                    keyId(K_EVENTS_2), "CONFIRMED", keyId(K_UNTRACKED), "UNTRACKED"));

            Response alerts = response(rig.invoke(KeyLedgerLambdaConfiguration.ADMIN_API, get("/alerts", "", AUDITOR)));
            assertThat(alerts.json().get("items")).singleElement().satisfies(a -> {
                assertThat(a.get("rule").asString()).isEqualTo(Rule.UNTRACKED_KEY.id());
                assertThat(a.get("keyId").asString()).isEqualTo(keyId(K_UNTRACKED));
            });
            assertThat(rig.aws.sns.published()).singleElement()
                    .satisfies(p -> assertThat(p.attributes()).containsEntry("tenant", "acme"));

            Response keys = response(rig.invoke(KeyLedgerLambdaConfiguration.ADMIN_API, get("/keys", "", AUDITOR)));
            assertThat(keys.json().get("items")).hasSize(3);
            assertThat(rig.store().tenants()).containsExactly("acme");
        }
    }
}
