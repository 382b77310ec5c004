package io.keyledger.azure.format;

import static io.keyledger.azure.format.TestRecords.event;
import static io.keyledger.azure.format.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.json.KeyEventJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records that carry key material, plaintext or ciphertext (as a misconfigured proxy, a future log
 * schema or a forged record might): none of it reaches an event.
 */
class NoKeyMaterialTest {

    private static final List<String> SECRETS = List.of(
            "d-PRIVATE-EXPONENT-8fQ2", "k-SYMMETRIC-KEY-BYTES-77Aa", "n-MODULUS-2kPq", "x-COORD-91zz",
            "PLAINTEXT-card-4111111111111111", "CIPHERTEXT-zX9y8w7v", "AAD-tenant-42", "WRAPPED-CEK-aa11");

    private static void plant(ObjectNode node) {
        node.put("value", SECRETS.get(5)).put("plaintext", SECRETS.get(4)).put("ciphertext", SECRETS.get(5))
                .put("aad", SECRETS.get(6)).put("encryptedKey", SECRETS.get(7));
        node.putObject("key").put("kty", "RSA").put("d", SECRETS.get(0)).put("k", SECRETS.get(1))
                .put("n", SECRETS.get(2)).put("x", SECRETS.get(3));
    }

    @Test
    void anAuditEventsPayloadFieldsNeverReachTheEvent() {
        for (int i = 0; i < 24; i++) {
            ObjectNode r = record("/azure/auditevent/operations.json", i);
            if (!r.get("properties").isObject()) {
                continue;
            }
            ObjectNode props = (ObjectNode) r.get("properties");
            plant(props);
            plant(props.has("keyProperties") ? (ObjectNode) props.get("keyProperties") : props.putObject("keyProperties"));
            plant(r);
            List<DecodedRecord> decoded = TestRecords.decodeRecord(r);
            decoded.stream().filter(d -> d instanceof DecodedRecord.Event)
                    .map(d -> KeyEventJson.write(((DecodedRecord.Event) d).event()))
                    .forEach(json -> SECRETS.forEach(s -> assertThat(json).doesNotContain(s)));
        }
    }

    @Test
    void anEventGridEventsDataBeyondTheKnownFieldsNeverReachesTheEvent() {
        ObjectNode r = record(EventGridDecoderTest.EVENT_GRID, 0);
        plant((ObjectNode) r.get("data"));
        String json = KeyEventJson.write(event(r));
        SECRETS.forEach(s -> assertThat(json).doesNotContain(s));
    }

    @Test
    void aKeyCreateStillYieldsItsSpecWithoutTheNumbers() {
        ObjectNode r = record("/azure/auditevent/operations.json", 0);
        plant((ObjectNode) r.get("properties").get("keyProperties"));
        String json = KeyEventJson.write(event(r));
        assertThat(json).contains("RSA-3072");
        SECRETS.forEach(s -> assertThat(json).doesNotContain(s));
    }
}
