package io.keyledger.core.retention;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The expiry of every stored record, from a tenant's retention policy and its legal holds. A record
 * covered by a hold has no expiry; purge attestations never expire (they keep the ledger verifiable).
 */
public record ExpiryRules(RetentionPolicy policy, List<LegalHold> holds) {

    public ExpiryRules {
        holds = List.copyOf(holds);
    }

    public Optional<Instant> forEvent(StoredEvent stored) {
        if (held(Optional.of(stored.keyId()))) {
            return Optional.empty();
        }
        return Optional.of(RetentionPolicy.plus(stored.event().eventTime(), policy.history()));
    }

    public Optional<Instant> forLedger(LedgerRecord record) {
        if (record.type() == LedgerEntryType.RETENTION_PURGED || held(record.keyId())) {
            return Optional.empty();
        }
        return Optional.of(RetentionPolicy.plus(record.recordedAt(), policy.ledger()));
    }

    /**
     * A key's own record expires only once the key is destroyed, the policy's period after its
     * destruction: never because the events that revealed it are old (only history expires), nor while
     * the key is seen alive again after a destruction.
     */
    public Optional<Instant> forAsset(CryptoAsset asset) {
        if (held(Optional.of(asset.id())) || !asset.state().isDestroyed()) {
            return Optional.empty();
        }
        return asset.dates().destroyedAt().map(d -> RetentionPolicy.plus(d, policy.destroyedMetadata()));
    }

    public boolean held(Optional<String> keyId) {
        return holds.stream().anyMatch(h -> h.covers(keyId));
    }
}
