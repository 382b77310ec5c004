package io.keyledger.core.ledger;

import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.json.Json;
import java.util.Optional;

/**
 * The ledger records whose payload carries a signature of its own: purge attestations and archived
 * segments, which say that records left the store legitimately. A writer of the store could append such
 * a record to cover a deletion of its own; only a signature by a trusted key makes it count.
 */
final class SignedPayloads {

    private SignedPayloads() {
    }

    /** What is wrong with the record's signed payload, if it has one and something is; empty otherwise. */
    static Optional<String> problem(String tenant, LedgerRecord r, TrustedKeys trusted) {
        return switch (r.type()) {
            case RETENTION_PURGED -> {
                PurgeAttestation a;
                try {
                    a = PurgeAttestation.fromJson(r.payload());
                } catch (IllegalArgumentException e) {
                    yield Optional.of("unreadable purge attestation");
                }
                if (trusted.isEmpty()) {
                    yield Optional.empty();
                }
                if (!a.isSigned()) {
                    yield Optional.of("purge attestation not signed");
                }
                yield trusted.forId(a.keyId()).map(k -> a.verifiesWith(tenant, k)).orElse(false) ? Optional.empty()
                        : Optional.of("purge attestation not signed by " + trusted.describe());
            }
            case SEGMENT_ARCHIVED -> {
                ArchivedSegment s;
                try {
                    s = segment(r);
                } catch (IllegalArgumentException e) {
                    yield Optional.of("unreadable archived segment descriptor");
                }
                if (trusted.isEmpty()) {
                    yield Optional.empty();
                }
                yield trusted.forId(s.keyId()).map(s::verifiesWith).orElse(false) ? Optional.empty()
                        : Optional.of("archived segment descriptor not signed by " + trusted.describe());
            }
            default -> Optional.empty();
        };
    }

    static ArchivedSegment segment(LedgerRecord r) {
        ArchivedSegment s = Json.read(r.payload(), ArchivedSegment.class);
        if (s == null || !s.tenant().equals(r.tenant())) {
            throw new IllegalArgumentException("segment of another tenant");
        }
        return s;
    }
}
