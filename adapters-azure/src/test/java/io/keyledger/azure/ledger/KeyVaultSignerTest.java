package io.keyledger.azure.ledger;

import static io.keyledger.testkit.ledger.SignerChecks.p256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.signing.SigningException;
import io.keyledger.testkit.azure.FakeAzure;
import io.keyledger.testkit.azure.FakeVault;
import io.keyledger.testkit.azure.FakeVaultKey;
import io.keyledger.testkit.ledger.SignerChecks;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Key Vault signer against the wire-level Key Vault fake, through the real cryptography client: the fake signs
 * with a P-256 key made here, answers {@code r || s} as Key Vault does, and its public JWK verifies the DER
 * signatures the signer gives, with the public key alone.
 */
class KeyVaultSignerTest {

    private static final String SUB = "6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
    private static final Instant CREATED = Instant.parse("2026-01-10T08:00:00Z");

    private final FakeAzure azure = new FakeAzure("72f988bf-86f1-41af-91ab-2d7cd011db47");
    private final FakeVault vault = azure.vault(SUB, "rg-ledger", "keyledger-kv");

    @AfterEach
    void close() {
        azure.close();
    }

    private String kid(FakeVaultKey key) {
        return "https://" + vault.host() + "/keys/" + key.name() + "/" + key.currentVersion();
    }

    private KeyVaultSigner signer(String kid) {
        return KeyVaultSigner.of(kid, azure.credential(), azure.httpClient());
    }

    @Test
    void whatKeyVaultSignsItsPublicKeyAloneVerifies() throws Exception {
        KeyPair pair = p256();
        FakeVaultKey key = vault.addKey("ledger", CREATED).ecSigning(pair, true);

        byte[] signature = SignerChecks.assertSignsAs(signer(kid(key)), pair.getPublic());

        assertThat(signature[0]).as("DER, not r || s").isEqualTo((byte) 0x30);
        assertThat(azure.count("Microsoft.KeyVault/vaults:Sign")).isEqualTo(2);
        assertThat(azure.requests()).allSatisfy(r -> assertThat(AzureLedgerOperation.find(r.method(), r.path()))
                .as(r.method() + " " + r.path()).isPresent());
    }

    @Test
    void aDeniedSignIsASigningExceptionNamingTheKey() throws Exception {
        FakeVaultKey key = vault.addKey("ledger", CREATED).ecSigning(p256(), false);
        vault.deny("Sign");
        String kid = kid(key);

        assertThatThrownBy(() -> signer(kid).sign(new byte[] {1})).isInstanceOf(SigningException.class)
                .hasMessageContaining("Key Vault did not sign with the ledger key " + kid).hasMessageContaining("403")
                .hasMessageNotContaining("\tat ");
    }

    @Test
    void aKeyThatCannotSignIsRefusedNamingIt() throws Exception {
        FakeVaultKey rsa = vault.addKey("rsa", CREATED);
        FakeVaultKey p384 = vault.addKey("p384", CREATED).ec("P-384", false);
        FakeVaultKey verifyOnly = vault.addKey("verify-only", CREATED).ecSigning(p256(), false).keyOps("verify");

        assertThatThrownBy(() -> signer(kid(rsa)).publicKey()).isInstanceOf(SigningException.class)
                .hasMessageContaining(kid(rsa)).hasMessageContaining("not an EC P-256 key");
        assertThatThrownBy(() -> signer(kid(p384)).publicKey()).isInstanceOf(SigningException.class)
                .hasMessageContaining("P-384");
        assertThatThrownBy(() -> signer(kid(verifyOnly)).publicKey()).isInstanceOf(SigningException.class)
                .hasMessageContaining("may not sign");
        assertThatThrownBy(() -> signer(kid(rsa)).sign(new byte[] {1})).isInstanceOf(SigningException.class)
                .hasMessageContaining("Key Vault did not sign");
    }

    @Test
    void aMissingKeyOrAnUnversionedIdIsNamed() {
        String missing = "https://" + vault.host() + "/keys/nope/" + "0".repeat(32);
        assertThatThrownBy(() -> signer(missing).publicKey()).isInstanceOf(SigningException.class)
                .hasMessageContaining(missing).hasMessageContaining("404");
        assertThatThrownBy(() -> signer("https://" + vault.host() + "/keys/ledger"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("versioned identifier");
    }
}
