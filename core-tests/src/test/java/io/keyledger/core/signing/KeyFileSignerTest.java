package io.keyledger.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local signing key: made on first use, owner-only, never in a message; its public key in PEM and JWK. */
class KeyFileSignerTest {

    @TempDir
    Path dir;

    @Test
    void aMissingKeyIsMadeOwnerOnlyAndSaysSoAndIsThenReused() throws Exception {
        Path file = dir.resolve("home/ledger-signing-key.pem");

        KeyFileSigner made = KeyFileSigner.loadOrCreate(file);
        KeyFileSigner again = KeyFileSigner.loadOrCreate(file);

        assertThat(made.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.keyId()).isEqualTo(made.keyId());
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        assertThat(permissions).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(file.getParent())).doesNotContain(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_READ);
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void whatOneKeySignsItsPublicKeyVerifiesAndNoOtherKeyDoes() {
        KeyFileSigner a = KeyFileSigner.loadOrCreate(dir.resolve("a.pem"));
        KeyFileSigner b = KeyFileSigner.loadOrCreate(dir.resolve("b.pem"));
        byte[] message = "keyledger-checkpoint-v1\nacme\n7".getBytes(StandardCharsets.UTF_8);

        byte[] signature = a.sign(message);

        assertThat(a.publicKey().verifies(message, signature)).isTrue();
        assertThat(b.publicKey().verifies(message, signature)).isFalse();
        assertThat(a.publicKey().verifies("keyledger-checkpoint-v1\nacme\n8".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(a.publicKey().verifies(message, new byte[] {1, 2, 3})).isFalse();
    }

    @Test
    void thePublicKeyRoundTripsThroughPemAndDerAndItsIdIsTheJwkThumbprint() {
        SigningPublicKey key = KeyFileSigner.loadOrCreate(dir.resolve("k.pem")).publicKey();

        assertThat(SigningPublicKey.fromPem("notes before\n" + key.pem() + "after")).isEqualTo(key);
        assertThat(SigningPublicKey.fromSpki(key.spki())).isEqualTo(key);
        assertThat(key.pem()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(key.jwk()).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsEntry("alg", "ES256")
                .containsEntry("kid", key.keyId());
        assertThat(Base64.getUrlDecoder().decode(key.jwk().get("x"))).hasSize(32);
        assertThat(key.keyId()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void aKeyFileOthersMayReadIsRefusedWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("k.pem");
        KeyFileSigner.loadOrCreate(file);
        String content = Files.readString(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> KeyFileSigner.load(file)).isInstanceOf(SigningException.class)
                .hasMessageContaining("accessible to other users").hasMessageContaining("chmod 600")
                .hasMessageNotContaining(content.substring(30, 60));
    }

    @Test
    void aFileThatIsNotAKeyIsNamedWithoutItsContent() throws Exception {
        Path file = dir.resolve("k.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldC1zZWNyZXQ=\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> KeyFileSigner.load(file)).isInstanceOf(SigningException.class)
                .hasMessage("the ledger signing key " + file + " is not a readable EC P-256 private key");
        assertThatThrownBy(() -> KeyFileSigner.load(dir.resolve("none.pem"))).isInstanceOf(SigningException.class)
                .hasMessageContaining("no ledger signing key at");
    }

    @Test
    void theKeyNeverAppearsInWhatTheSignerSaysOfItself() throws Exception {
        Path file = dir.resolve("k.pem");
        KeyFileSigner signer = KeyFileSigner.loadOrCreate(file);
        String secret = Files.readString(file).replaceAll("-----[A-Z ]+-----|\\s", "");

        assertThat(signer.toString()).doesNotContain(secret.substring(20, 50));
        assertThat(signer.publicKey().pem().replaceAll("\\s", "")).doesNotContain(secret.substring(20, 50));
    }
}
