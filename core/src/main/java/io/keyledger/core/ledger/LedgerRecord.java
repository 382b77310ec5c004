package io.keyledger.core.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One link of a tenant's hash-chained ledger. The hash covers every field but the expiry (which a
 * legal hold changes); see docs/LEDGER.md for the exact canonical form.
 *
 * @param sequence     1 for the first record of a tenant, then +1 per record, in arrival order
 * @param keyId        the key the record concerns, if any
 * @param payload      JSON text, hashed exactly as stored
 * @param previousHash hash of the record before, or {@link LedgerHash#GENESIS} for the first
 * @param expiresAt    when retention lets it go; empty under legal hold
 */
public record LedgerRecord(String tenant, long sequence, Instant recordedAt, LedgerEntryType type,
                           Optional<String> keyId, String payload, String previousHash, String hash,
                           Optional<Instant> expiresAt) {

    public LedgerRecord {
        Objects.requireNonNull(tenant, "tenant");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive");
        }
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Builds the record that follows {@code previousHash}, computing its hash. */
    public static LedgerRecord chain(String tenant, long sequence, Instant recordedAt, LedgerEntryType type,
                                     Optional<String> keyId, String payload, String previousHash,
                                     Optional<Instant> expiresAt) {
        String hash = LedgerHash.of(tenant, sequence, recordedAt, type, keyId, payload, previousHash);
        return new LedgerRecord(tenant, sequence, recordedAt, type, keyId, payload, previousHash, hash, expiresAt);
    }

    public LedgerRecord withExpiresAt(Optional<Instant> expiry) {
        return new LedgerRecord(tenant, sequence, recordedAt, type, keyId, payload, previousHash, hash, expiry);
    }

    /** The same record with another payload (its hash no longer matches): to keep what is needed of it, small. */
    public LedgerRecord withPayload(String text) {
        return new LedgerRecord(tenant, sequence, recordedAt, type, keyId, text, previousHash, hash, expiresAt);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }

    /** Whether the stored hash matches the record's content. */
    public boolean hashMatchesContent() {
        return hash.equals(LedgerHash.of(tenant, sequence, recordedAt, type, keyId, payload, previousHash));
    }

    // equals and hashCode written out, over every component as a record's own are: a checkpoint compares each
    // record it reads back with the one appended, and the generated methods cost several times more under the
    // client compiler the CLI runs with. LedgerRecordTest checks that every component takes part.
    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerRecord other && sequence == other.sequence && hash.equals(other.hash)
                && tenant.equals(other.tenant) && previousHash.equals(other.previousHash) && type == other.type
                && recordedAt.equals(other.recordedAt) && keyId.equals(other.keyId) && payload.equals(other.payload)
                && expiresAt.equals(other.expiresAt);
    }

    @Override
    public int hashCode() {
        return (tenant.hashCode() * 31 + Long.hashCode(sequence)) * 31 + hash.hashCode();
    }
}
