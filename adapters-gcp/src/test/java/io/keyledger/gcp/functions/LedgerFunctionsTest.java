package io.keyledger.gcp.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.gcp.ledger.TopicCheckpointRequests;
import io.keyledger.gcp.pubsub.OutgoingMessage;
import io.keyledger.gcp.pubsub.PubSubTopic;
import io.keyledger.testkit.MemorySigner;
import io.keyledger.testkit.gcp.FakePubSubMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's signing split between the functions of a deployment: the ingest verifies with the ledger key's public
 * key and publishes its checkpoint requests on the checkpoint topic (the fake Pub/Sub, through the real client), and
 * never signs; the signing function, started as the Functions Framework starts it, signs the head each request names.
 */
class LedgerFunctionsTest {

    private static final String KEY = "projects/acme-security/locations/europe-west1/keyRings/keyledger/cryptoKeys/"
            + "ledger/cryptoKeyVersions/1";
    private static final String SUBSCRIPTION =
            "projects/acme-security/subscriptions/eventarc-europe-west1-keyledger-checkpoints";

    private final MemorySigner key = MemorySigner.create();
    private GcpHarness gcp;

    @AfterEach
    void close() throws Exception {
        gcp.close();
    }

    private GcpHarness harness() {
        PubSubTopic topic = PubSubTopic.parse(GcpHarness.CHECKPOINT_TOPIC, GcpHarness.PROJECT);
        gcp = new GcpHarness(Map.of(GcpSettings.LEDGER_KEY_VERSION, KEY,
                GcpSettings.CHECKPOINT_TOPIC, GcpHarness.CHECKPOINT_TOPIC), signs -> signs
                ? LedgerSettings.NONE.signedBy(key)
                : LedgerSettings.NONE.trusting(List.of(key.publicKey()))
                        .withRequests(new TopicCheckpointRequests(gcp.publisher, topic)));
        return gcp;
    }

    @Test
    void theWritersAskForCheckpointsAndOnlyTheSigningFunctionSigns() {
        GcpHarness gcp = harness();
        gcp.auditLogEvents().accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json"));

        List<FakePubSubMessage> requests = gcp.pubsub.messages(GcpHarness.CHECKPOINT_TOPIC);
        assertThat(requests).hasSize(1);
        assertThat(TopicCheckpointRequests.tenantOf(new String(requests.get(0).data(), StandardCharsets.UTF_8)))
                .isEqualTo("acme");
        assertThat(gcp.memory.latestCheckpoint("acme")).as("the writers never sign").isEmpty();

        gcp.checkpointMessages().accept(CloudEvents.read(requests.get(0).messagePublishedEvent(SUBSCRIPTION)));

        Checkpoint signed = gcp.memory.latestCheckpoint("acme").orElseThrow();
        assertThat(signed.verifiesWith(key.publicKey())).isTrue();
        assertThat(signed.sequence()).isEqualTo(gcp.memory.ledgerHead("acme").sequence());
    }

    @Test
    void aMessageThatIsNoRequestIsReportedAndAcknowledged() {
        GcpHarness gcp = harness();
        gcp.publisher.publish(PubSubTopic.parse(GcpHarness.CHECKPOINT_TOPIC, GcpHarness.PROJECT),
                List.of(OutgoingMessage.text("{}", Map.of())));
        FakePubSubMessage message = gcp.pubsub.messages(GcpHarness.CHECKPOINT_TOPIC).get(0);

        gcp.checkpointMessages().accept(CloudEvents.read(message.messagePublishedEvent(SUBSCRIPTION)));

        assertThat(gcp.reportLines.toString(StandardCharsets.UTF_8)).contains("names no tenant");
        assertThat(gcp.memory.latestCheckpoint("acme")).isEmpty();
    }
}
