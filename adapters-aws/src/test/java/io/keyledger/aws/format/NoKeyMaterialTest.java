package io.keyledger.aws.format;

import static io.keyledger.aws.format.AwsTestRecords.decode;
import static io.keyledger.aws.format.AwsTestRecords.events;
import static io.keyledger.aws.format.AwsTestRecords.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.KeyEventJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudTrail omits plaintext and ciphertext, but a record must never be able to smuggle key material,
 * plaintext, ciphertext or encryption context values into an event.
 */
class NoKeyMaterialTest {

    private static final List<String> SECRETS = List.of("PLAINTEXT-SECRET-VALUE", "CIPHERTEXT-BLOB-VALUE",
            "KEY-MATERIAL-VALUE", "IMPORT-TOKEN-VALUE", "CONTEXT-VALUE-customers.csv", "PRIVATE-KEY-VALUE",
            "PUBLIC-KEY-VALUE", "MAC-VALUE", "SIGNATURE-VALUE", "MESSAGE-VALUE");

    @Test
    void aUseCarryingPlaintextCiphertextAndContextValuesGivesAnEventWithoutThem() {
        ObjectNode record = (ObjectNode) json("cloudtrail/GenerateDataKey.json").deepCopy();
        ObjectNode request = (ObjectNode) record.get("requestParameters");
        request.put("plaintext", "PLAINTEXT-SECRET-VALUE");
        request.put("message", "MESSAGE-VALUE");
        ((ObjectNode) request.get("encryptionContext")).put("aws:s3:arn", "CONTEXT-VALUE-customers.csv");
        ObjectNode response = record.putObject("responseElements");
        response.put("plaintext", "PLAINTEXT-SECRET-VALUE");
        response.put("ciphertextBlob", "CIPHERTEXT-BLOB-VALUE");
        response.put("privateKeyPlaintext", "PRIVATE-KEY-VALUE");
        response.put("publicKey", "PUBLIC-KEY-VALUE");
        response.put("mac", "MAC-VALUE");
        response.put("signature", "SIGNATURE-VALUE");

        assertNoSecretIn(events(decode(record)));
    }

    @Test
    void anImportCarryingKeyMaterialAndTokenGivesAnEventWithoutThem() {
        ObjectNode record = (ObjectNode) json("cloudtrail/ImportKeyMaterial.json").deepCopy();
        ObjectNode request = (ObjectNode) record.get("requestParameters");
        request.put("encryptedKeyMaterial", "KEY-MATERIAL-VALUE");
        request.put("importToken", "IMPORT-TOKEN-VALUE");

        assertNoSecretIn(events(decode(record)));
    }

    @Test
    void aGrantWithContextConstraintsKeepsOnlyTheContextKeysMeaning() {
        ObjectNode record = (ObjectNode) json("cloudtrail/CreateGrant.json").deepCopy();
        ((ObjectNode) record.get("requestParameters").get("constraints").get("encryptionContextSubset"))
                .put("aws:s3:arn", "CONTEXT-VALUE-customers.csv");

        List<KeyEvent> events = events(decode(record));

        assertNoSecretIn(events);
        assertThat(events.get(0).attributes().get("usage.service")).contains("s3.amazonaws.com");
    }

    private static void assertNoSecretIn(List<KeyEvent> events) {
        assertThat(events).isNotEmpty();
        for (KeyEvent e : events) {
            String written = KeyEventJson.write(e);
            for (String secret : SECRETS) {
                assertThat(written).doesNotContain(secret);
            }
        }
    }
}
