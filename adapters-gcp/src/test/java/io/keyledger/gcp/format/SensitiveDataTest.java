package io.keyledger.gcp.format;

import static io.keyledger.gcp.format.Records.entry;
import static io.keyledger.gcp.format.Records.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.KeyEventJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Data Access entries may carry (now or in future formats) plaintext, ciphertext, authenticated data,
 * signatures and wrapped key material: none of it ever reaches an event.
 */
class SensitiveDataTest {

    private static final String PLAINTEXT = "Q2FyZGhvbGRlcjogSm9obiBEb2UgNDExMTExMTExMTExMTExMQ==";
    private static final String CIPHERTEXT = "CiQAnPq6vG1fZ0wuZ3JhbmQtY2lwaGVydGV4dC1ieXRlcy1oZXJlEjEK";
    private static final String AAD = "dGVuYW50PWFjbWUtcGF5bWVudHM7b3JkZXI9OTk4MQ==";
    private static final String IV = "c2l4dGVlbi1ieXRlLWl2IQ==";
    private static final String SIGNATURE = "MEUCIQDsignatureBytesThatMustNeverBeStoredAiEAxyz";

    private static ObjectNode withSecrets(String name) {
        ObjectNode record = entry(name);
        ObjectNode payload = (ObjectNode) record.get("protoPayload");
        ((ObjectNode) payload.get("request")).put("plaintext", PLAINTEXT).put("ciphertext", CIPHERTEXT)
                .put("additionalAuthenticatedData", AAD).put("initializationVector", IV).put("data", PLAINTEXT);
        payload.putObject("response").put("name", record.path("protoPayload").path("resourceName").asString())
                .put("ciphertext", CIPHERTEXT).put("plaintext", PLAINTEXT).put("signature", SIGNATURE)
                .put("mac", SIGNATURE);
        payload.putObject("metadata").putObject("entries").put("caller_provided_context", AAD);
        return record;
    }

    private static void assertNoSecrets(KeyEvent e) {
        assertThat(KeyEventJson.write(e)).doesNotContain(PLAINTEXT, CIPHERTEXT, AAD, IV, SIGNATURE);
    }

    @Test
    void encryptAndDecryptKeepNeitherPlaintextNorCiphertextNorContext() {
        for (String method : new String[] {"Encrypt", "Decrypt", "RawEncrypt", "RawDecrypt", "AsymmetricSign",
                "AsymmetricDecrypt", "MacSign", "MacVerify"}) {
            assertNoSecrets(event(withSecrets(method)));
        }
    }

    @Test
    void importedKeyMaterialIsNeverCopied() {
        KeyEvent e = event("ImportCryptoKeyVersion");
        String wrapped = entry("ImportCryptoKeyVersion").path("protoPayload").path("request").path("rsaAesWrappedKey")
                .asString();
        assertThat(wrapped).isNotEmpty();
        assertThat(KeyEventJson.write(e)).doesNotContain(wrapped);
    }

    @Test
    void theRequestAndResponseOfAnyMethodNeverEnterTheEvent() {
        for (String name : new String[] {"CreateCryptoKey", "DestroyCryptoKeyVersion", "UpdateCryptoKey-labels",
                "UnknownMethod", "SetIamPolicy"}) {
            ObjectNode record = entry(name);
            ObjectNode request = (ObjectNode) record.get("protoPayload").get("request");
            request.put("plaintext", PLAINTEXT).put("rsaAesWrappedKey", CIPHERTEXT);
            assertNoSecrets(event(record));
        }
    }
}
