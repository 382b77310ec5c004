package io.keyledger.core.ledger;

import io.keyledger.core.signing.Signer;
import io.keyledger.core.signing.SigningPublicKey;
import io.keyledger.core.tenant.TenantIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A signed statement that a tenant's ledger had head {@code sequence}/{@code ledgerHash} at
 * {@code signedAt}: whoever holds the public key can then tell that every record up to that sequence is
 * still the one signed over, because each record's hash covers the one before it. Writers of the store
 * cannot make one: they do not hold the key.
 *
 * <p>The signed bytes are {@link #signedText()} (docs/LEDGER.md), in UTF-8; the signature is DER, as
 * {@code openssl dgst -sha256 -verify} reads it, base64-encoded here.
 *
 * @param keyId     the signing key's id (its public key's RFC 7638 thumbprint)
 * @param signature base64 of the DER signature of {@link #signedText()}
 */
public record Checkpoint(String tenant, long sequence, String ledgerHash, Instant signedAt, String keyId,
                         String signature) {

    static final String FORMAT = "keyledger-checkpoint-v1";

    public Checkpoint {
        TenantIds.requireValid(tenant);
        if (sequence < 1) {
            throw new IllegalArgumentException("a checkpoint covers at least record 1, not " + sequence);
        }
        if (ledgerHash == null || !ledgerHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("field 'ledgerHash': expected 64 lower-case hex digits");
        }
        Objects.requireNonNull(signedAt, "signedAt");
        if (keyId == null || keyId.isBlank() || keyId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("field 'keyId': expected a key id without spaces");
        }
        Objects.requireNonNull(signature, "signature");
    }

    /** Signs {@code head} of {@code tenant}'s ledger at {@code at}. */
    public static Checkpoint sign(String tenant, LedgerHead head, Instant at, Signer signer) {
        String keyId = signer.keyId();
        String text = text(tenant, head.sequence(), head.hash(), at, keyId);
        byte[] signature = signer.sign(text.getBytes(StandardCharsets.UTF_8));
        return new Checkpoint(tenant, head.sequence(), head.hash(), at, keyId,
                Base64.getEncoder().encodeToString(signature));
    }

    /**
     * The signed text: six lines joined by a line feed, none after the last:
     * {@code keyledger-checkpoint-v1}, tenant, sequence, ledger hash, signedAt (ISO-8601 UTC as
     * {@code Instant.toString}) and key id.
     */
    public String signedText() {
        return text(tenant, sequence, ledgerHash, signedAt, keyId);
    }

    /** Whether {@code key} is the key this checkpoint names and its signature verifies with it. */
    public boolean verifiesWith(SigningPublicKey key) {
        if (!key.keyId().equals(keyId)) {
            return false;
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return key.verifies(signedText().getBytes(StandardCharsets.UTF_8), der);
    }

    /** The head this checkpoint signs. */
    public LedgerHead head() {
        return new LedgerHead(sequence, ledgerHash);
    }

    @Override
    public String toString() {
        return "checkpoint of record " + sequence + " signed at " + signedAt;
    }

    private static String text(String tenant, long sequence, String hash, Instant at, String keyId) {
        return String.join("\n", FORMAT, tenant, Long.toString(sequence), hash, at.toString(), keyId);
    }
}
