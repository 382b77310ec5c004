package io.keyledger.gcp.format;

import io.keyledger.core.decode.Mapping;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyUsage;
import java.util.Optional;

/** A CryptoKey's purpose, and the kind and usage it means in KeyLedger's words. */
public enum KeyPurpose {
    ENCRYPT_DECRYPT(KeyKind.SYMMETRIC, KeyUsage.ENCRYPT_DECRYPT),
    RAW_ENCRYPT_DECRYPT(KeyKind.SYMMETRIC, KeyUsage.ENCRYPT_DECRYPT),
    ASYMMETRIC_SIGN(KeyKind.ASYMMETRIC, KeyUsage.SIGN_VERIFY),
    ASYMMETRIC_DECRYPT(KeyKind.ASYMMETRIC, KeyUsage.ENCRYPT_DECRYPT),
    MAC(KeyKind.HMAC, KeyUsage.GENERATE_VERIFY_MAC),
    KEY_ENCAPSULATION(KeyKind.ASYMMETRIC, KeyUsage.KEY_ENCAPSULATION);

    private final KeyKind kind;
    private final KeyUsage usage;

    KeyPurpose(KeyKind kind, KeyUsage usage) {
        this.kind = kind;
        this.usage = usage;
    }

    public KeyKind kind() {
        return kind;
    }

    public KeyUsage usage() {
        return usage;
    }

    public static Optional<KeyPurpose> parse(String name) {
        return Mapping.entryNamed(KeyPurpose.class, name);
    }
}
