package io.keyledger.gcp.format;

import static io.keyledger.gcp.format.Records.entry;
import static io.keyledger.gcp.format.Records.malformed;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Missing, wrong-type and truncated fields give a Malformed record naming the field, never an exception. */
class MalformedRecordsTest {

    static Stream<Arguments> brokenEntries() {
        return Stream.of(
                broken("CreateCryptoKey", "timestamp", "missing", e -> e.remove("timestamp")),
                broken("CreateCryptoKey", "timestamp", "RFC 3339", e -> e.put("timestamp", "12/01/2026 09:14")),
                broken("CreateCryptoKey", "timestamp", "expected a time", e -> e.put("timestamp", 1768209243)),
                broken("CreateCryptoKey", "protoPayload", "expected an object", e -> e.put("protoPayload", "CreateCryptoKey")),
                broken("CreateCryptoKey", "protoPayload.serviceName", "missing", e -> payload(e).remove("serviceName")),
                broken("CreateCryptoKey", "protoPayload.methodName", "missing", e -> payload(e).remove("methodName")),
                broken("CreateCryptoKey", "protoPayload.methodName", "expected a string", e -> payload(e).put("methodName", 42)),
                broken("CreateCryptoKey", "protoPayload.request", "expected an object", e -> payload(e).put("request", "x")),
                broken("CreateCryptoKey", "protoPayload.response.rotationPeriod", "7776000s",
                        e -> response(e).put("rotationPeriod", "90 days")),
                broken("CreateCryptoKey", "protoPayload.response.labels.team", "expected a string",
                        e -> ((ObjectNode) response(e).get("labels")).put("team", 7)),
                broken("CreateCryptoKey", "protoPayload.response.primary.name", "not a CryptoKeyVersion name",
                        e -> ((ObjectNode) response(e).get("primary")).put("name", "keys/1")),
                broken("CreateCryptoKey", "protoPayload.response.createTime", "RFC 3339",
                        e -> response(e).put("createTime", "today")),
                broken("DestroyCryptoKeyVersion-denied", "protoPayload.status.code", "whole number",
                        e -> ((ObjectNode) payload(e).get("status")).put("code", "denied")),
                broken("DestroyCryptoKeyVersion-denied", "protoPayload.status", "expected an object",
                        e -> payload(e).put("status", 7)),
                broken("DestroyCryptoKeyVersion", "protoPayload.resourceName", "missing",
                        e -> { payload(e).remove("resourceName"); e.remove("resource"); payload(e).remove("response");
                               ((ObjectNode) payload(e).get("request")).remove("name"); }),
                broken("Encrypt", "protoPayload.resourceName", "names no CryptoKey",
                        e -> { payload(e).put("resourceName", "projects/acme-payments/locations/europe-west1"); e.remove("resource"); }),
                broken("UpdateCryptoKeyVersion-disable", "protoPayload.response.state", "expected a string",
                        e -> response(e).put("state", 2)),
                broken("UpdateCryptoKeyVersion-enable", "protoPayload.request.cryptoKeyVersion.state", "missing",
                        e -> ((ObjectNode) payload(e).get("request").get("cryptoKeyVersion")).remove("state")),
                broken("UpdateCryptoKey-rotation", "protoPayload.request.updateMask", "comma-separated",
                        e -> ((ObjectNode) payload(e).get("request")).put("updateMask", 3)),
                broken("SetIamPolicy", "protoPayload.request.policy.bindings[0].members[0]", "expected a string",
                        e -> ((tools.jackson.databind.node.ArrayNode) payload(e).get("request").get("policy")
                                .get("bindings").get(0).get("members")).insert(0, 12)),
                broken("AsymmetricSign", "protoPayload.authenticationInfo.serviceAccountDelegationInfo", "expected an array",
                        e -> ((ObjectNode) payload(e).get("authenticationInfo")).put("serviceAccountDelegationInfo", "dana")),
                broken("Encrypt", "protoPayload.requestMetadata.callerIp", "expected a string",
                        e -> ((ObjectNode) payload(e).get("requestMetadata")).putArray("callerIp")));
    }

    private static Arguments broken(String entry, String field, String message, Consumer<ObjectNode> change) {
        return Arguments.of(entry, field, message, change);
    }

    private static ObjectNode payload(ObjectNode entry) {
        return (ObjectNode) entry.get("protoPayload");
    }

    private static ObjectNode response(ObjectNode entry) {
        return (ObjectNode) payload(entry).get("response");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("brokenEntries")
    void aBrokenFieldIsNamed(String name, String field, String message, Consumer<ObjectNode> change) {
        ObjectNode record = entry(name);
        change.accept(record);
        DecodedRecord.Malformed m = malformed(record);
        assertThat(m.field()).isEqualTo(field);
        assertThat(m.message()).contains(message);
        assertThat(m.at()).isEqualTo(Records.AT);
    }

    @Test
    void aMalformedRecordNamesItsRecordAndTheRestOfTheFileIsDecoded() {
        String good = entry("CreateCryptoKey").toString();
        ObjectNode bad = entry("UpdateCryptoKeyVersion-disable");
        bad.remove("timestamp");
        String file = good + "\n" + bad + "\n" + entry("DestroyCryptoKeyVersion") + "\n";
        List<DecodedRecord> out = Records.read("kms.jsonl", file.getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isInstanceOf(DecodedRecord.Event.class);
        assertThat(out.get(1)).isInstanceOfSatisfying(DecodedRecord.Malformed.class, m -> {
            assertThat(m.at().index()).isEqualTo(2);
            assertThat(m.at().detail()).isEqualTo("line 2");
            assertThat(m.field()).isEqualTo("timestamp");
            assertThat(m.toString()).isEqualTo("kms.jsonl record 2 (line 2): field 'timestamp': missing");
        });
        assertThat(out.get(2)).isInstanceOf(DecodedRecord.Event.class);
    }

    @Test
    void aTruncatedLogFileKeepsEveryRecordBeforeTheCut() {
        String array = "[" + entry("CreateCryptoKey").toPrettyString() + ",\n" + entry("Encrypt").toPrettyString();
        String truncated = array.substring(0, array.length() - 40);
        List<DecodedRecord> out = Records.read("export.json", truncated.getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(DecodedRecord.Event.class);
        assertThat(out.get(1)).isInstanceOfSatisfying(DecodedRecord.Malformed.class, m -> {
            assertThat(m.at().index()).isEqualTo(2);
            assertThat(m.message()).contains("truncated");
        });
    }

    @Test
    void aLogEntryThatIsNotAnObjectInsideEventarcIsMalformed() {
        ObjectNode event = (ObjectNode) Records.json("gcp/eventarc/audit-log-written.json");
        event.put("data", 17);
        DecodedRecord.Malformed m = malformed(event);
        assertThat(m.field()).isEqualTo("data");
        assertThat(m.message()).contains("expected an object");
    }
}
