package io.keyledger.azure.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.KeyUsage;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KeySpecTest {

    @Test
    void keyTypesBecomeKindAlgorithmAndProtection() {
        assertThat(KeySpec.attributes(Optional.of("RSA"), Optional.empty(), OptionalInt.of(2048), List.of(), false))
                .containsEntry("kind", "ASYMMETRIC").containsEntry("algorithm", "RSA-2048")
                .containsEntry("protection", "SOFTWARE").containsEntry("nativeSpec", "RSA");
        assertThat(KeySpec.attributes(Optional.of("EC-HSM"), Optional.of("P-384"), OptionalInt.empty(), List.of(), false))
                .containsEntry("algorithm", "EC-P384").containsEntry("protection", "HSM");
        assertThat(KeySpec.attributes(Optional.of("EC"), Optional.of("P-256K"), OptionalInt.empty(), List.of(), false))
                .containsEntry("algorithm", "EC-SECP256K1");
        assertThat(KeySpec.attributes(Optional.of("oct-HSM"), Optional.empty(), OptionalInt.empty(), List.of(), true))
                .containsEntry("kind", "SYMMETRIC").containsEntry("algorithm", "AES-256").containsEntry("protection", "HSM");
        assertThat(KeySpec.attributes(Optional.of("oct"), Optional.empty(), OptionalInt.of(128), List.of(), true))
                .containsEntry("algorithm", "AES-128").containsEntry("protection", "HSM");
        assertThat(KeySpec.attributes(Optional.of("PQC-X"), Optional.empty(), OptionalInt.empty(), List.of(), false))
                .containsEntry("kind", "UNKNOWN").doesNotContainKey("algorithm");
        assertThat(KeySpec.attributes(Optional.empty(), Optional.empty(), OptionalInt.empty(), List.of(), false)).isEmpty();
    }

    @Test
    void operationsBecomeUsage() {
        assertThat(KeySpec.usage(List.of("sign", "verify"))).contains(KeyUsage.SIGN_VERIFY);
        assertThat(KeySpec.usage(List.of("wrapKey", "unwrapKey"))).contains(KeyUsage.WRAP_UNWRAP);
        assertThat(KeySpec.usage(List.of("encrypt", "decrypt", "wrapKey", "unwrapKey")))
                .contains(KeyUsage.ENCRYPT_DECRYPT);
        assertThat(KeySpec.usage(List.of("encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey")))
                .contains(KeyUsage.UNKNOWN);
        assertThat(KeySpec.usage(List.of("import"))).isEmpty();
    }

    @Test
    void anRsaSizeIsMeasuredFromTheModulus() {
        byte[] modulus = new byte[256];
        modulus[0] = (byte) 0xC3;
        String n = Base64.getUrlEncoder().withoutPadding().encodeToString(modulus);
        assertThat(KeySpec.rsaModulusBits(n)).hasValue(2048);
        byte[] withSignByte = new BigInteger(1, modulus).toByteArray();
        assertThat(KeySpec.rsaModulusBits(Base64.getEncoder().encodeToString(withSignByte))).hasValue(2048);
        assertThat(KeySpec.rsaModulusBits("***")).isEmpty();
    }
}
