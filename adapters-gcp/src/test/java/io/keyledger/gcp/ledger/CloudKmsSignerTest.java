package io.keyledger.gcp.ledger;

import static io.keyledger.testkit.ledger.SignerChecks.p256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.kms.v1.CryptoKey;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionState;
import com.google.cloud.kms.v1.CryptoKeyVersionTemplate;
import com.google.cloud.kms.v1.ProtectionLevel;
import io.keyledger.core.signing.SigningException;
import io.keyledger.core.signing.SigningPublicKey;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.gcp.FakeCloudKms;
import io.keyledger.testkit.gcp.InProcessGoogleApis;
import io.keyledger.testkit.ledger.SignerChecks;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Cloud KMS signer against the in-process Cloud KMS fake, through the real client: the fake signs with a P-256 key
 * made here and checks the CRC32C fields as Cloud KMS does; the public key alone verifies what the signer gives.
 */
class CloudKmsSignerTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InProcessGoogleApis apis = new InProcessGoogleApis();
    private final FakeCloudKms fake = new FakeCloudKms(clock).serveOn(apis);
    private final LedgerKms kms = LedgerKms.over(apis.channel());
    private final String ring = fake.keyRing("acme-prod", "europe-west1", "keyledger");

    @AfterEach
    void close() {
        kms.close();
        apis.close();
    }

    /** A key with one version of {@code algorithm} in {@code state}; its version's name. */
    private String key(String id, CryptoKeyVersionAlgorithm algorithm, CryptoKeyVersionState state) {
        CryptoKey key = CryptoKey.newBuilder().setPurpose(CryptoKey.CryptoKeyPurpose.ASYMMETRIC_SIGN)
                .setVersionTemplate(CryptoKeyVersionTemplate.newBuilder().setAlgorithm(algorithm)
                        .setProtectionLevel(ProtectionLevel.HSM)).build();
        String name = fake.cryptoKey(ring, id, key, List.of(CryptoKeyVersion.newBuilder().setName("1").setState(state)
                .setAlgorithm(algorithm).setProtectionLevel(ProtectionLevel.HSM).build()), Optional.empty());
        return name + "/cryptoKeyVersions/1";
    }

    @Test
    void whatCloudKmsSignsItsPublicKeyAloneVerifies() throws Exception {
        KeyPair pair = p256();
        String version = key("ledger", CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256, CryptoKeyVersionState.ENABLED);
        fake.signingKey(version, pair);

        SignerChecks.assertSignsAs(new CloudKmsSigner(kms, version), pair.getPublic());

        assertThat(apis.calls()).containsEntry(FakeCloudKms.KMS + "/GetPublicKey", 1)
                .containsEntry(FakeCloudKms.KMS + "/AsymmetricSign", 2);
        assertThat(apis.calls().keySet()).allSatisfy(m -> assertThat(GcpLedgerOperation.ofGrpcMethod(m)).isPresent());
    }

    @Test
    void anAnswerThatFailsItsChecksumIsAskedAgainThenRefused() throws Exception {
        String version = key("ledger", CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256, CryptoKeyVersionState.ENABLED);
        KeyPair pair = p256();
        fake.signingKey(version, pair);
        CloudKmsSigner signer = new CloudKmsSigner(kms, version);

        fake.corruptNextChecksums(1);
        byte[] signature = signer.sign(new byte[] {1});
        assertThat(SigningPublicKey.of(pair.getPublic()).verifies(new byte[] {1}, signature)).isTrue();
        assertThat(apis.calls()).containsEntry(FakeCloudKms.KMS + "/AsymmetricSign", 2);

        fake.corruptNextChecksums(3);
        assertThatThrownBy(() -> signer.sign(new byte[] {2})).isInstanceOf(SigningException.class)
                .hasMessageContaining(version).hasMessageContaining("integrity checks 3 times")
                .hasMessageContaining("CRC32C");
        fake.corruptNextChecksums(3);
        assertThatThrownBy(signer::publicKey).isInstanceOf(SigningException.class)
                .hasMessageContaining("the PEM does not match its CRC32C");
    }

    @Test
    void aDeniedOrDisabledVersionIsASigningExceptionNamingIt() throws Exception {
        String version = key("ledger", CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256, CryptoKeyVersionState.ENABLED);
        fake.signingKey(version, p256());
        fake.deny("AsymmetricSign", version, "cloudkms.cryptoKeyVersions.useToSign");
        String disabled = key("off", CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256, CryptoKeyVersionState.DISABLED);
        fake.signingKey(disabled, p256());

        assertThatThrownBy(() -> new CloudKmsSigner(kms, version).sign(new byte[] {1})).isInstanceOf(SigningException.class)
                .hasMessageContaining("Cloud KMS did not sign with the ledger key " + version)
                .hasMessageContaining("PERMISSION_DENIED").hasMessageContaining("cloudkms.cryptoKeyVersions.useToSign");
        assertThatThrownBy(() -> new CloudKmsSigner(kms, disabled).sign(new byte[] {1}))
                .isInstanceOf(SigningException.class).hasMessageContaining("FAILED_PRECONDITION")
                .hasMessageContaining("not enabled");
    }

    @Test
    void aKeyThatCannotSignIsRefusedNamingIt() throws Exception {
        String rsa = key("rsa", CryptoKeyVersionAlgorithm.RSA_SIGN_PSS_2048_SHA256, CryptoKeyVersionState.ENABLED);
        String p384 = key("p384", CryptoKeyVersionAlgorithm.EC_SIGN_P384_SHA384, CryptoKeyVersionState.ENABLED);
        fake.signingKey(p384, p256());

        assertThatThrownBy(() -> new CloudKmsSigner(kms, rsa).publicKey()).isInstanceOf(SigningException.class)
                .hasMessageContaining(rsa);
        assertThatThrownBy(() -> new CloudKmsSigner(kms, p384).publicKey()).isInstanceOf(SigningException.class)
                .hasMessageContaining("EC_SIGN_P384_SHA384").hasMessageContaining("not an EC_SIGN_P256_SHA256");
        assertThatThrownBy(() -> new CloudKmsSigner(kms, p384).sign(new byte[] {1})).isInstanceOf(SigningException.class)
                .hasMessageContaining("INVALID_ARGUMENT");
        assertThatThrownBy(() -> new CloudKmsSigner(kms, ring + "/cryptoKeys/ledger"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key version");
    }

    @Test
    void anUndeclaredMethodIsRefusedBeforeItIsSent() {
        assertThatThrownBy(() -> kms.client().listKeyRings(ring.substring(0, ring.indexOf("/keyRings"))))
                .hasStackTraceContaining("GcpLedgerOperation does not declare");
        assertThat(apis.calls()).isEmpty();
    }
}
