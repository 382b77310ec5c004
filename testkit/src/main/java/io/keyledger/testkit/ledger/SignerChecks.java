package io.keyledger.testkit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.signing.SigningPublicKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

/** What every cloud signer must do with the key a fake holds: sign what that key's public half alone verifies. */
public final class SignerChecks {

    private SignerChecks() {
    }

    /** A new ECDSA P-256 key pair, as the ledger keys are. */
    public static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /**
     * Checks the signer gives {@code expected} as its public key, signs a checkpoint that key verifies, and
     * signs "text" so that the key verifies that text alone and no other key verifies it; answers that signature.
     */
    public static byte[] assertSignsAs(Signer signer, PublicKey expected) throws GeneralSecurityException {
        SigningPublicKey key = SigningPublicKey.of(expected);
        Checkpoint c = Checkpoint.sign("acme", new LedgerHead(3, "d".repeat(64)), Instant.parse("2026-03-01T00:00:00Z"),
                signer);
        assertThat(signer.publicKey()).isEqualTo(key);
        assertThat(c.keyId()).isEqualTo(key.keyId());
        assertThat(c.verifiesWith(key)).isTrue();
        byte[] text = "text".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(text);
        assertThat(key.verifies(text, signature)).isTrue();
        assertThat(key.verifies("other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(SigningPublicKey.of(p256().getPublic()).verifies(text, signature)).as("another key").isFalse();
        return signature;
    }
}
