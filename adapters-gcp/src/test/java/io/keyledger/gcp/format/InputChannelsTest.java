package io.keyledger.gcp.format;

import static io.keyledger.gcp.format.Records.decode;
import static io.keyledger.gcp.format.Records.event;
import static io.keyledger.gcp.format.Records.ignored;
import static io.keyledger.gcp.format.Records.json;
import static io.keyledger.gcp.format.Records.malformed;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The same Cloud KMS audit entry delivered as a bare LogEntry, through Eventarc and through Pub/Sub. */
class InputChannelsTest {

    private static final String ENTRY_ID = "x9d2e0s7t1ry@2026-04-25T17:11:02.947166830Z";

    @Test
    void aBareLogEntryIsDecoded() {
        KeyEvent e = event("DestroyCryptoKeyVersion");
        assertThat(e.eventId()).isEqualTo(ENTRY_ID);
        assertThat(e.source().kind()).isEqualTo("gcp-audit");
    }

    @Test
    void anEventarcCloudEventCarriesTheEntryInItsData() {
        KeyEvent e = event(json("gcp/eventarc/audit-log-written.json"));
        assertThat(e.action()).isEqualTo(Action.SCHEDULE_DESTRUCTION);
        assertThat(e.eventId()).isEqualTo(ENTRY_ID);
        assertThat(e.source().kind()).isEqualTo("eventarc");
        assertThat(e.source().location()).isEqualTo("audit.json record 1 (data)");
    }

    @Test
    void anEventarcCloudEventMayCarryItsDataAsBase64() {
        KeyEvent e = event(json("gcp/eventarc/audit-log-written-base64.json"));
        assertThat(e.eventId()).isEqualTo(ENTRY_ID);
        assertThat(e.attributes()).containsEntry("nativeState", "DESTROY_SCHEDULED");
    }

    @Test
    void aPubSubPushRequestCarriesTheEntryAsBase64() {
        KeyEvent e = event(json("gcp/pubsub/push-destroy.json"));
        assertThat(e.eventId()).isEqualTo(ENTRY_ID);
        assertThat(e.source().kind()).isEqualTo("pubsub");
        assertThat(e.source().location()).isEqualTo("audit.json record 1 (message.data)");
    }

    @Test
    void anEventarcPubSubEventCarriesThePushEnvelope() {
        KeyEvent e = event(json("gcp/eventarc/pubsub-message-published.json"));
        assertThat(e.eventId()).isEqualTo(ENTRY_ID);
        assertThat(e.source().kind()).isEqualTo("eventarc");
    }

    @Test
    void everyChannelGivesTheSameEventSoRedeliveriesDedupe() {
        List<KeyEvent> events = List.of(event("DestroyCryptoKeyVersion"), event(json("gcp/eventarc/audit-log-written.json")),
                event(json("gcp/eventarc/audit-log-written-base64.json")), event(json("gcp/pubsub/push-destroy.json")),
                event(json("gcp/eventarc/pubsub-message-published.json")));
        assertThat(events).extracting(KeyEvent::dedupKey).containsOnly("gcp:" + ENTRY_ID);
        assertThat(events).extracting(KeyEvent::attributes).containsOnly(events.get(0).attributes());
        assertThat(events).extracting(KeyEvent::key).containsOnly(events.get(0).key());
    }

    @Test
    void badBase64InAPubSubMessageIsMalformedNamingTheData() {
        DecodedRecord.Malformed m = malformed(json("gcp/pubsub/push-bad-base64.json"));
        assertThat(m.field()).isEqualTo("message.data");
        assertThat(m.message()).startsWith("not valid base64");
        assertThat(m.at().index()).isEqualTo(1);
    }

    @Test
    void truncatedJsonInAPubSubMessageIsMalformedNamingTheData() {
        DecodedRecord.Malformed m = malformed(json("gcp/pubsub/push-truncated-json.json"));
        assertThat(m.field()).isEqualTo("message.data");
        assertThat(m.message()).startsWith("not valid JSON");
    }

    @Test
    void aPubSubMessageThatIsNoLogEntryIsMalformed() {
        DecodedRecord.Malformed m = malformed(json("gcp/pubsub/push-not-a-log-entry.json"));
        assertThat(m.field()).isEqualTo("message.data");
        assertThat(m.message()).contains("not a Cloud Logging LogEntry");
    }

    @Test
    void aPubSubMessageWithoutDataIsMalformed() {
        ObjectNode push = (ObjectNode) json("gcp/pubsub/push-destroy.json");
        ((ObjectNode) push.get("message")).remove("data");
        assertThat(malformed(push).field()).isEqualTo("message.data");
    }

    @Test
    void aBadFieldInsideThePubSubDataIsNamedWithItsPath() {
        ObjectNode push = (ObjectNode) json("gcp/pubsub/push-destroy.json");
        ObjectNode entry = Records.entry("DestroyCryptoKeyVersion");
        entry.put("timestamp", "yesterday");
        ((ObjectNode) push.get("message")).put("data", java.util.Base64.getEncoder()
                .encodeToString(entry.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        DecodedRecord.Malformed m = malformed(push);
        assertThat(m.field()).isEqualTo("message.data.timestamp");
        assertThat(m.at().detail()).isEqualTo("message.data");
    }

    @Test
    void aCloudEventWithoutDataIsMalformed() {
        ObjectNode event = (ObjectNode) json("gcp/eventarc/audit-log-written.json");
        event.remove("data");
        assertThat(malformed(event).field()).isEqualTo("data");
    }

    @Test
    void aCloudEventOfAnotherTypeIsNotOurs() {
        ObjectNode event = (ObjectNode) json("gcp/eventarc/audit-log-written.json");
        event.put("type", "google.cloud.storage.object.v1.finalized");
        event.remove("data");
        assertThat(decode(event)).singleElement().isInstanceOfSatisfying(DecodedRecord.Malformed.class,
                m -> assertThat(m.message()).startsWith("not a record of any known format"));
    }

    @Test
    void anotherServicesAuditLogIsIgnored() {
        assertThat(ignored(json("gcp/entries/other-service-pubsub.json")).reason())
                .isEqualTo("audit log of pubsub.googleapis.com, not of Cloud KMS");
    }

    @Test
    void aLogEntryWithoutAuditPayloadIsIgnored() {
        assertThat(ignored(json("gcp/entries/not-an-audit-log.json")).reason()).contains("protoPayload");
    }

    @Test
    void anotherServicesAuditLogThroughEventarcIsIgnoredToo() {
        ObjectNode event = (ObjectNode) json("gcp/eventarc/audit-log-written.json");
        event.set("data", json("gcp/entries/other-service-pubsub.json"));
        assertThat(ignored(event).reason()).contains("pubsub.googleapis.com");
    }
}
