package io.keyledger.core.archive;

import io.keyledger.core.signing.Signer;
import io.keyledger.core.signing.SigningPublicKey;
import io.keyledger.core.tenant.TenantIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A run of a tenant's ledger moved from the store to the archive tier: one immutable object holding the
 * records {@code fromSequence..toSequence} (but those kept in the store: see {@code keptInStore}), signed
 * and ledgered when it was written. The descriptor is kept in the store's index
 * ({@link io.keyledger.core.store.ArchiveStore}) and, signed, in the ledger itself; the object's SHA-256
 * ties the two to the bytes in the archive.
 *
 * @param previousHash the hash the record {@code fromSequence} chains to
 * @param lastHash     the hash of the record {@code toSequence}
 * @param records      how many records the object holds
 * @param keptInStore  how many records of the range stayed in the store (records that never expire by time)
 * @param objectName   where the object is in the archive, e.g. {@code archive/acme/00000000000000000001-...jsonl.gz}
 * @param sha256       lower-case hex SHA-256 of the object's bytes
 * @param expiresAt    when the last of its records' retention ends, as the rules stood when it was written
 *                     (the archive may lock it until then); empty if a hold covered any of them
 * @param keyId        the signing key's id
 * @param signature    base64 of the DER signature of {@link #signedText()}
 */
public record ArchivedSegment(String tenant, long fromSequence, long toSequence, String previousHash, String lastHash,
                              int records, int keptInStore, Instant firstRecordedAt, Instant lastRecordedAt,
                              String objectName, String sha256, long bytes, Instant archivedAt,
                              java.util.Optional<Instant> expiresAt, String keyId, String signature) {

    static final String FORMAT = "keyledger-segment-v1";

    public ArchivedSegment {
        TenantIds.requireValid(tenant);
        if (fromSequence < 1 || toSequence < fromSequence) {
            throw new IllegalArgumentException("bad segment range " + fromSequence + ".." + toSequence);
        }
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(lastHash, "lastHash");
        Objects.requireNonNull(firstRecordedAt, "firstRecordedAt");
        Objects.requireNonNull(lastRecordedAt, "lastRecordedAt");
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(archivedAt, "archivedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
    }

    /** The descriptor of a written object, signed by {@code signer} (empty key id and signature without one). */
    static ArchivedSegment signed(ArchivedSegment unsigned, java.util.Optional<Signer> signer) {
        if (signer.isEmpty()) {
            return unsigned;
        }
        ArchivedSegment named = unsigned.withSignature(signer.get().keyId(), "");
        byte[] signature = signer.get().sign(named.signedText().getBytes(StandardCharsets.UTF_8));
        return named.withSignature(named.keyId, Base64.getEncoder().encodeToString(signature));
    }

    private ArchivedSegment withSignature(String key, String sig) {
        return new ArchivedSegment(tenant, fromSequence, toSequence, previousHash, lastHash, records, keptInStore,
                firstRecordedAt, lastRecordedAt, objectName, sha256, bytes, archivedAt, expiresAt, key, sig);
    }

    /**
     * What the signature covers, lines joined by a line feed: {@code keyledger-segment-v1}, tenant, from,
     * to, previousHash, lastHash, records, keptInStore, objectName, sha256, bytes, archivedAt, key id.
     */
    public String signedText() {
        return String.join("\n", FORMAT, tenant, Long.toString(fromSequence), Long.toString(toSequence),
                previousHash, lastHash, Integer.toString(records), Integer.toString(keptInStore), objectName, sha256,
                Long.toString(bytes), archivedAt.toString(), keyId);
    }

    public boolean signed() {
        return !signature.isEmpty();
    }

    public boolean verifiesWith(SigningPublicKey key) {
        if (!signed() || !key.keyId().equals(keyId)) {
            return false;
        }
        try {
            return key.verifies(signedText().getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean covers(long sequence) {
        return sequence >= fromSequence && sequence <= toSequence;
    }

    /** "segment 1-100 (archive/acme/...)": how messages name it. */
    public String describe() {
        return "archived segment " + fromSequence + "-" + toSequence + " (" + objectName + ")";
    }
}
