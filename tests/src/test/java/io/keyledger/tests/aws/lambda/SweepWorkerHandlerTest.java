package io.keyledger.tests.aws.lambda;

import static io.keyledger.tests.aws.lambda.LambdaRig.ACME;
import static io.keyledger.tests.aws.lambda.LambdaRig.JSON;
import static io.keyledger.tests.aws.lambda.LambdaRig.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.aws.dynamodb.DynamoDbInventoryStore;
import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.aws.kms.AwsSweepOperation.Purpose;
import io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration;
import io.keyledger.aws.lambda.LambdaSettings;
import io.keyledger.aws.sweep.SweepRequest;
import io.keyledger.core.alert.Rule;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.testkit.aws.FakeSns;
import io.keyledger.testkit.aws.FakeSqs;
import io.keyledger.testkit.emulator.EmulatorPerClass;
import io.keyledger.testkit.emulator.NodeEmulator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@code sweepWorker} through the real Lambda entry point: an SQS batch of sweep messages, each scope
 * read from the KMS fake through the account's member role and reconciled into the DynamoDB store
 * (dynalite), the report stored there, audit gaps published to SNS, bad messages named in the batch
 * item failures, and a scope cut short continued in a follow-up message.
 */
class SweepWorkerHandlerTest {

    private static final String WORKER = KeyLedgerLambdaConfiguration.SWEEP_WORKER;
    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

    @RegisterExtension
    static final EmulatorPerClass<NodeEmulator> dynalite = EmulatorPerClass.of(NodeEmulator::dynalite);
    private final LambdaRig rig = new LambdaRig(dynalite.get());

    @AfterEach
    void close() {
        rig.close();
    }

    private static String keyId(int i) {
        return String.format("22222222-aaaa-4bbb-8ccc-%012d", i);
    }

    private static String message(String sweepId, String account, String region, String tenant) {
        return new SweepRequest(sweepId, account, region, Optional.of(tenant), Optional.empty()).toJson();
    }

    private static List<String> failedIds(String response) {
        List<String> ids = new ArrayList<>();
        JSON.readTree(response).get("batchItemFailures").values().forEach(f -> ids.add(f.get("itemIdentifier").asString()));
        return ids;
    }

    private List<CryptoAsset> keys(DynamoDbInventoryStore store) {
        return store.assets("acme", AssetQuery.ALL, PageRequest.first(1000)).items();
    }

    @Test
    void eachScopeIsSweptIntoDynamoDbAndOnlyTheBadMessagesFail() throws IOException {
        for (int i = 0; i < 3; i++) {
            rig.aws.kms.addKey(ACME, REGION, keyId(i), CREATED).description("orders").tag("Owner", "orders");
        }
        rig.aws.kms.addKey(ACME, "eu-west-1", keyId(9), CREATED);
        List<String> ids = List.of("8a1f0000-0000-4000-8000-000000000001", "8a1f0000-0000-4000-8000-000000000002",
                "8a1f0000-0000-4000-8000-000000000003", "8a1f0000-0000-4000-8000-000000000004");

        String response = rig.invoke(WORKER, LambdaRig.sqsEventOfBodies(ids, List.of(
                message("scheduled-20261128T020000Z", ACME, REGION, "acme"),
                "{\"type\": \"keyledger.sweep.scope\", \"sweepId\": \"s\"",
                message("scheduled-20261128T020000Z", ACME, "eu-west-1", "globex"),
                message("scheduled-20261128T020000Z", ACME, "eu-west-1", "acme"))));

        assertThat(failedIds(response)).as("not JSON; a tenant the account does not belong to")
                .containsExactly(ids.get(1), ids.get(2));
        DynamoDbInventoryStore store = rig.store();
        assertThat(keys(store)).extracting(k -> k.ref().nativeId()).containsExactlyInAnyOrder(
                "arn:aws:kms:us-east-1:" + ACME + ":key/" + keyId(0), "arn:aws:kms:us-east-1:" + ACME + ":key/" + keyId(1),
                "arn:aws:kms:us-east-1:" + ACME + ":key/" + keyId(2), "arn:aws:kms:eu-west-1:" + ACME + ":key/" + keyId(9));
        List<SweepReport> reports = store.sweepReports("acme", PageRequest.first(10)).items();
        assertThat(reports).extracting(r -> r.scope().location()).containsExactlyInAnyOrder(REGION, "eu-west-1");
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.sweepId()).isEqualTo("scheduled-20261128T020000Z");
            assertThat(r.partial()).isFalse();
        });
        assertThat(reports.stream().mapToLong(r -> r.counts().get(KeyClass.UNTRACKED)).sum()).isEqualTo(4);
        // every key no event told of is an audit gap, published to the alert topic
        assertThat(rig.aws.sns.published()).hasSize(4).allSatisfy(p -> {
            assertThat(p.topicArn()).isEqualTo(rig.topicArn);
            assertThat(p.attributes()).containsEntry("tenant", "acme").containsEntry("rule", Rule.UNTRACKED_KEY.id());
        });
        assertThat(rig.aws.kms.requests()).allSatisfy(r -> assertThat(r.account()).isEqualTo(ACME));
        // the worker sends the key source's reads through the member role sessions, each declared, all of them
        assertThat(rig.aws.sweepOperationsReceived()).containsExactlyInAnyOrderElementsOf(
                declared(Purpose.READ_KEYS, Purpose.REACH_ACCOUNTS));
    }

    /** The operations the sweep declares for {@code purposes}, as the fakes name what they received. */
    static List<String> declared(Purpose... purposes) {
        return Arrays.stream(purposes).flatMap(p -> AwsSweepOperation.of(p).stream())
                .map(o -> o.operation().service() + ":" + o.operationName()).toList();
    }

    @Test
    void aRedeliveredMessageChangesNothing() throws IOException {
        rig.aws.kms.addKey(ACME, REGION, keyId(0), CREATED);
        byte[] batch = LambdaRig.sqsEventOfBodies(List.of("m-1"), List.of(message("s-1", ACME, REGION, "acme")));

        rig.invoke(WORKER, batch);
        String key = keys(rig.store()).get(0).ref().id();
        int events = rig.store().eventsForKey("acme", key).size();
        String again = rig.invoke(WORKER, batch);

        assertThat(failedIds(again)).isEmpty();
        assertThat(keys(rig.store())).hasSize(1);
        assertThat(rig.store().eventsForKey("acme", key)).as("no correction applied twice").hasSize(events);
        List<FakeSns.Published> alerts = rig.aws.sns.published();
        assertThat(alerts).as("the audit gap is raised once").hasSize(1);
    }

    @Test
    void aScopeCutShortIsStoredPartialAndItsRestQueuedAsAFollowUp() throws IOException {
        for (int i = 0; i < 101; i++) {
            rig.aws.kms.addKey(ACME, REGION, keyId(i), CREATED);
        }
        // the first page (100 keys) is read, then KMS throttles every ListKeys for good
        rig.aws.kms.throttle("ListKeys", 1e-9, 1, rig.clock);

        String first = rig.invoke(WORKER, LambdaRig.sqsEventOfBodies(List.of("m-1"),
                List.of(message("s-1", ACME, REGION, "acme"))));

        assertThat(failedIds(first)).as("the message itself succeeded").isEmpty();
        List<Message> followUps = rig.receive();
        assertThat(followUps).singleElement().satisfies(m -> {
            SweepRequest next = SweepRequest.fromJson(m.body());
            assertThat(next.sweepId()).isEqualTo("s-1");
            assertThat(next.scope().id()).isEqualTo("aws:" + ACME + ":" + REGION);
            assertThat(next.tenant()).contains("acme");
            assertThat(next.cursor()).isPresent();
        });
        assertThat(rig.store().sweepReports("acme", PageRequest.first(10)).items()).singleElement()
                .satisfies(r -> assertThat(r.partial()).isTrue());
        assertThat(keys(rig.store())).hasSize(100);

        // WHEN KMS answers again, the follow-up lists the rest
        rig.aws.kms.throttle("ListKeys", 1e9, 1_000_000, rig.clock);
        String second = rig.invoke(WORKER, LambdaRig.sqsEvent(followUps));

        assertThat(failedIds(second)).isEmpty();
        assertThat(rig.receive()).isEmpty();
        assertThat(keys(rig.store())).hasSize(101);
    }

    @Test
    void aMessageThatFailsIsDeliveredAgainAfterItsVisibilityTimeoutAndSweepsItsScopeOnce() throws IOException {
        for (int i = 0; i < 101; i++) {
            rig.aws.kms.addKey(ACME, REGION, keyId(i), CREATED);
        }
        rig.sqs.sendMessage(r -> r.queueUrl(rig.queueUrl).messageBody(message("s-1", ACME, REGION, "acme")));
        // KMS throttles after the first page and SQS refuses the follow-up: the message fails
        rig.aws.kms.throttle("ListKeys", 1e-9, 1, rig.clock);
        rig.aws.sqs.failNextEntries(1, "InvalidMessageContents", true);

        LambdaRig.Delivery first = rig.deliver(WORKER);

        assertThat(failedIds(first.response())).containsExactly(first.messages().get(0).messageId());
        assertThat(keys(rig.store())).hasSize(100);
        Map<String, Integer> eventsAfterFirst = new HashMap<>();
        keys(rig.store()).forEach(k -> eventsAfterFirst.put(k.ref().id(), rig.store().eventsForKey("acme", k.ref().id()).size()));
        assertThat(rig.receive()).as("in flight until its visibility timeout has passed").isEmpty();

        // WHEN KMS answers again and the visibility timeout has passed, SQS delivers the message again
        rig.aws.kms.throttle("ListKeys", 1e9, 1_000_000, rig.clock);
        rig.queueClock.advance(FakeSqs.DEFAULT_VISIBILITY_TIMEOUT);
        LambdaRig.Delivery second = rig.deliver(WORKER);

        assertThat(second.messages()).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(first.messages().get(0).messageId());
            assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
        });
        assertThat(failedIds(second.response())).isEmpty();
        List<CryptoAsset> keys = keys(rig.store());
        assertThat(keys).hasSize(101);
        int eventsPerKey = eventsAfterFirst.values().iterator().next();
        assertThat(keys).as("no key's events doubled by the second sweep").allSatisfy(k -> assertThat(
                rig.store().eventsForKey("acme", k.ref().id())).hasSize(eventsAfterFirst.getOrDefault(k.ref().id(),
                eventsPerKey)));
        assertThat(rig.aws.sns.published()).as("each audit gap raised once").hasSize(101);
        // deleted once it succeeded: never delivered a third time
        rig.queueClock.advance(Duration.ofHours(1));
        assertThat(rig.receive()).isEmpty();
    }

    @Test
    void withoutTheQueueAScopeCutShortFailsItsMessageNamingTheVariable() throws IOException {
        rig.env(LambdaSettings.SWEEP_QUEUE_URL, null);
        for (int i = 0; i < 101; i++) {
            rig.aws.kms.addKey(ACME, REGION, keyId(i), CREATED);
        }
        rig.aws.kms.throttle("ListKeys", 1e-9, 1, rig.clock);

        String response = rig.invoke(WORKER, LambdaRig.sqsEventOfBodies(List.of("m-1"),
                List.of(message("s-1", ACME, REGION, "acme"))));

        assertThat(failedIds(response)).containsExactly("m-1");
        assertThat(rig.store().sweepReports("acme", PageRequest.first(10)).items()).singleElement()
                .satisfies(r -> assertThat(r.partial()).isTrue());
    }
}
