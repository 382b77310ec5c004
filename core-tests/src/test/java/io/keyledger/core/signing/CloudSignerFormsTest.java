package io.keyledger.core.signing;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cloud signer needs nothing beyond the core: one that signs as Azure Key Vault does ({@code r || s}) and
 * publishes its key as a JWK signs checkpoints that verify, once its signatures are DER.
 */
class CloudSignerFormsTest {

    /** Signs as Key Vault's {@code sign} with ES256: fixed-length r || s; its public key known as a JWK only. */
    private static final class ConcatenatingSigner implements Signer {
        private final KeyPair pair;
        private final SigningPublicKey published;

        ConcatenatingSigner(KeyPair pair) {
            this.pair = pair;
            this.published = SigningPublicKey.fromJwk(SigningPublicKey.of(pair.getPublic()).jwk());
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.ECDSA_P256_SHA256;
        }

        @Override
        public byte[] sign(byte[] message) {
            return EcdsaSignature.derFromConcatenated(concatenated(pair, message));
        }

        @Override
        public SigningPublicKey publicKey() {
            return published;
        }
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] concatenated(KeyPair pair, byte[] message) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(pair.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void checkpointsSignedAsKeyVaultSignsVerifyWithThePublishedKey() throws GeneralSecurityException {
        MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
        InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
        ConcatenatingSigner signer = new ConcatenatingSigner(p256());
        CoreServices services = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withoutAnomalyDetection()
                .withLedger(LedgerSettings.NONE.signedBy(signer)));

        services.inventory().apply("acme", List.of(event("k1", clock.instant(), Action.CREATE, awsKey("k1"))));
        LedgerVerification v = services.verifier().verify("acme");

        assertThat(v.intact()).as(v.breaks().toString()).isTrue();
        assertThat(v.checkpoints().state()).isEqualTo(LedgerVerification.CheckpointState.VERIFIED);
        assertThat(v.checkpoints().newest()).hasValueSatisfying(c -> assertThat(c.keyId()).isEqualTo(signer.keyId()));
    }

    @Test
    void everyConcatenatedSignatureBecomesADerSignatureThatVerifies() throws GeneralSecurityException {
        KeyPair pair = p256();
        SigningPublicKey key = SigningPublicKey.of(pair.getPublic());
        // 300 signatures: r and s with leading zero bytes and with the high bit set both occur
        for (int i = 0; i < 300; i++) {
            byte[] message = ("checkpoint " + i).getBytes(StandardCharsets.UTF_8);

            byte[] der = EcdsaSignature.derFromConcatenated(concatenated(pair, message));

            assertThat(key.verifies(message, der)).as("signature %d", i).isTrue();
            assertThat(key.verifies(("other " + i).getBytes(StandardCharsets.UTF_8), der)).isFalse();
        }
    }

    @Test
    void derIntegersAreMinimalAndUnsigned() {
        byte[] rs = new byte[64];
        rs[31] = 0x01; // r = 1: leading zeros dropped
        rs[32] = (byte) 0x80; // s has its high bit set: a zero byte keeps it positive

        byte[] der = EcdsaSignature.derFromConcatenated(rs);

        assertThat(HexFormat.of().formatHex(der)).isEqualTo("3026" + "020101" + "022100" + "80" + "00".repeat(31));
    }

    @Test
    void aSignatureOfTheWrongLengthOrAZeroScalarIsRefused() {
        assertThatThrownBy(() -> EcdsaSignature.derFromConcatenated(new byte[70]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 bytes (r || s), not 70");
        byte[] zeroR = new byte[64];
        zeroR[63] = 1;
        assertThatThrownBy(() -> EcdsaSignature.derFromConcatenated(zeroR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r is zero");
    }

    @Test
    void aJwkReadsBackAsTheSameKeyAndABadOneIsNamed() throws GeneralSecurityException {
        SigningPublicKey key = SigningPublicKey.of(p256().getPublic());
        Map<String, String> jwk = new HashMap<>(key.jwk());

        assertThat(SigningPublicKey.fromJwk(jwk)).isEqualTo(key);
        assertThat(SigningPublicKey.fromJwk(jwk).keyId()).isEqualTo(key.keyId());

        Map<String, String> otherCurve = new HashMap<>(jwk);
        otherCurve.put("crv", "secp256k1");
        assertThatThrownBy(() -> SigningPublicKey.fromJwk(otherCurve)).hasMessageContaining("not an EC P-256 JWK");
        Map<String, String> offCurve = new HashMap<>(jwk);
        offCurve.put("y", jwk.get("x"));
        assertThatThrownBy(() -> SigningPublicKey.fromJwk(offCurve)).hasMessageContaining("not on P-256");
        Map<String, String> noX = new HashMap<>(jwk);
        noX.remove("x");
        assertThatThrownBy(() -> SigningPublicKey.fromJwk(noX)).hasMessageContaining("has no 'x'");
        Map<String, String> shortY = new HashMap<>(jwk);
        shortY.put("y", "AQAB");
        assertThatThrownBy(() -> SigningPublicKey.fromJwk(shortY)).hasMessageContaining("'y' is 3 bytes, not 32");
    }
}
