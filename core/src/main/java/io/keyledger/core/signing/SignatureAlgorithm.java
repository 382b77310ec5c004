package io.keyledger.core.signing;

/**
 * The signature algorithms KeyLedger signs with. One today: ECDSA on P-256 with SHA-256, because stock
 * OpenSSL verifies it ({@code openssl dgst -sha256 -verify}) and every cloud KMS signs with it (AWS KMS
 * {@code ECC_NIST_P256}/{@code ECDSA_SHA_256}, Azure Key Vault {@code ES256}, Cloud KMS
 * {@code EC_SIGN_P256_SHA256}). Signatures are DER-encoded ({@code SEQUENCE {r, s}}), as OpenSSL and AWS
 * KMS give them.
 */
public enum SignatureAlgorithm {

    ECDSA_P256_SHA256("SHA256withECDSA", "secp256r1", "P-256", "ES256", "ECDSA_SHA_256");

    private final String jcaName;
    private final String curve;
    private final String jwkCurve;
    private final String jwsName;
    private final String awsKmsName;

    SignatureAlgorithm(String jcaName, String curve, String jwkCurve, String jwsName, String awsKmsName) {
        this.jcaName = jcaName;
        this.curve = curve;
        this.jwkCurve = jwkCurve;
        this.jwsName = jwsName;
        this.awsKmsName = awsKmsName;
    }

    /** The Java signature name ({@code SHA256withECDSA}), which signs and verifies DER signatures. */
    public String jcaName() {
        return jcaName;
    }

    /** The curve's standard name for {@code ECGenParameterSpec} ({@code secp256r1}). */
    public String curve() {
        return curve;
    }

    /** The JWK {@code crv} ({@code P-256}). */
    public String jwkCurve() {
        return jwkCurve;
    }

    /** The JWS/JWK {@code alg} ({@code ES256}). */
    public String jwsName() {
        return jwsName;
    }

    /** AWS KMS's {@code SigningAlgorithm} ({@code ECDSA_SHA_256}). */
    public String awsKmsName() {
        return awsKmsName;
    }
}
