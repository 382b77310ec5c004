package io.keyledger.core.signing;

/**
 * A private key KeyLedger signs with and nothing else reads: a key file outside the database on one
 * machine ({@link KeyFileSigner}), a cloud KMS key in a deployment (its use then shows in the provider's
 * audit log). Whoever holds only the {@link #publicKey()} can verify what it signed, and nobody who
 * cannot use the key can forge. Ledger checkpoints, purge attestations and archive segments are signed
 * with it; so can any other document KeyLedger gives out.
 *
 * <p>Implementations are thread-safe, do no I/O when built, and never put the private key in a message,
 * a log line or an exception. A cloud signer needs nothing beyond this package: AWS KMS {@code Sign} and
 * Cloud KMS {@code asymmetricSign} take the message's SHA-256 and return DER; Azure Key Vault {@code sign}
 * ({@code ES256}) returns {@code r || s}, which {@link EcdsaSignature#derFromConcatenated} turns into DER; their
 * public keys come as PEM or DER ({@link SigningPublicKey#fromPem}, {@link SigningPublicKey#fromSpki}) or as a
 * JWK ({@link SigningPublicKey#fromJwk}).
 */
public interface Signer {

    SignatureAlgorithm algorithm();

    /** The key's id: its public key's RFC 7638 thumbprint ({@link SigningPublicKey#keyId()}). */
    default String keyId() {
        return publicKey().keyId();
    }

    /**
     * Signs {@code message} (the whole message: the signer hashes it as its algorithm says).
     *
     * @return the signature, DER-encoded for ECDSA
     * @throws SigningException when the key cannot be used (unreadable, refused, unreachable)
     */
    byte[] sign(byte[] message);

    /** The public key that verifies this signer's signatures. */
    SigningPublicKey publicKey();
}
