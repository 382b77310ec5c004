package io.keyledger.aws.format;

import io.keyledger.core.decode.Mapping;
import io.keyledger.core.key.KeyKind;
import java.util.Optional;

/** AWS KMS KeySpec values (CustomerMasterKeySpec in older records) and KeyLedger's algorithm and kind. */
public enum KmsKeySpec {
    SYMMETRIC_DEFAULT("AES-256", KeyKind.SYMMETRIC),
    RSA_2048("RSA-2048", KeyKind.ASYMMETRIC),
    RSA_3072("RSA-3072", KeyKind.ASYMMETRIC),
    RSA_4096("RSA-4096", KeyKind.ASYMMETRIC),
    ECC_NIST_P256("EC-P256", KeyKind.ASYMMETRIC),
    ECC_NIST_P384("EC-P384", KeyKind.ASYMMETRIC),
    ECC_NIST_P521("EC-P521", KeyKind.ASYMMETRIC),
    ECC_SECG_P256K1("EC-secp256k1", KeyKind.ASYMMETRIC),
    ECC_NIST_EDWARDS25519("Ed25519", KeyKind.ASYMMETRIC),
    SM2("SM2", KeyKind.ASYMMETRIC),
    HMAC_224("HMAC-SHA224", KeyKind.HMAC),
    HMAC_256("HMAC-SHA256", KeyKind.HMAC),
    HMAC_384("HMAC-SHA384", KeyKind.HMAC),
    HMAC_512("HMAC-SHA512", KeyKind.HMAC),
    ML_DSA_44("ML-DSA-44", KeyKind.ASYMMETRIC),
    ML_DSA_65("ML-DSA-65", KeyKind.ASYMMETRIC),
    ML_DSA_87("ML-DSA-87", KeyKind.ASYMMETRIC),
    ML_KEM_512("ML-KEM-512", KeyKind.ASYMMETRIC),
    ML_KEM_768("ML-KEM-768", KeyKind.ASYMMETRIC),
    ML_KEM_1024("ML-KEM-1024", KeyKind.ASYMMETRIC);

    private final String algorithm;
    private final KeyKind kind;

    KmsKeySpec(String algorithm, KeyKind kind) {
        this.algorithm = algorithm;
        this.kind = kind;
    }

    public String algorithm() {
        return algorithm;
    }

    public KeyKind kind() {
        return kind;
    }

    public static Optional<KmsKeySpec> of(String nativeName) {
        return Mapping.entryNamed(KmsKeySpec.class, nativeName);
    }
}
