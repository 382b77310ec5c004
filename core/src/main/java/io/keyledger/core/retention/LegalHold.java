package io.keyledger.core.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A legal hold: while it stands, nothing it covers expires or is deleted.
 *
 * @param keyId empty for a hold on the whole tenant
 */
public record LegalHold(String tenant, Optional<String> keyId, String reason, String placedBy, Instant placedAt) {

    public LegalHold {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(keyId, "keyId");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a legal hold needs a reason");
        }
        Objects.requireNonNull(placedBy, "placedBy");
        Objects.requireNonNull(placedAt, "placedAt");
    }

    public boolean tenantWide() {
        return keyId.isEmpty();
    }

    /** Whether records of {@code recordKeyId} (empty: tenant-level records) fall under this hold. */
    public boolean covers(Optional<String> recordKeyId) {
        return keyId.isEmpty() || keyId.equals(recordKeyId);
    }
}
