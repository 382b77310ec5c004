package io.keyledger.core.retention;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.ledger.PurgeAttestation;
import io.keyledger.core.store.InventoryStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Retention policies, legal holds and purges. Every change here is ledgered, and a purge attests the
 * ledger runs it removed so that the chain still verifies afterwards.
 */
public final class RetentionService {

    private final InventoryStore store;
    private final Clock clock;
    private final LedgerWriter ledger;

    public RetentionService(InventoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.ledger = new LedgerWriter(store, clock);
    }

    public ExpiryRules rules(String tenant) {
        return new ExpiryRules(store.retentionPolicy(tenant), store.legalHolds(tenant));
    }

    public void setPolicy(String tenant, RetentionPolicy policy, String actor) {
        store.putRetentionPolicy(tenant, policy);
        ExpiryRules rules = rules(tenant);
        store.restampExpiries(tenant, Optional.empty(), rules);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("policy", policy);
        payload.put("actor", actor);
        ledger.append(tenant, LedgerEntryType.RETENTION_POLICY_SET, Optional.empty(), Json.write(payload), rules);
    }

    /** Places a hold: from now on nothing it covers expires. */
    public LegalHold placeHold(String tenant, Optional<String> keyId, String reason, String actor) {
        LegalHold hold = new LegalHold(tenant, keyId, reason, actor, clock.instant());
        store.putLegalHold(hold);
        ExpiryRules rules = rules(tenant);
        store.restampExpiries(tenant, keyId, rules);
        ledger.append(tenant, LedgerEntryType.LEGAL_HOLD_PLACED, keyId, Json.write(hold), rules);
        return hold;
    }

    /** Lifts a hold and gives the records it covered their expiry back from the policy. */
    public boolean liftHold(String tenant, Optional<String> keyId, String actor) {
        if (!store.removeLegalHold(tenant, keyId)) {
            return false;
        }
        ExpiryRules rules = rules(tenant);
        store.restampExpiries(tenant, keyId, rules);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("tenant", tenant);
        payload.put("keyId", keyId.orElse(null));
        payload.put("liftedBy", actor);
        payload.put("liftedAt", clock.instant());
        ledger.append(tenant, LedgerEntryType.LEGAL_HOLD_LIFTED, keyId, Json.write(payload), rules);
        return true;
    }

    /** Removes what has expired, and attests in the ledger what went. */
    public PurgeResult purgeExpired(String tenant) {
        PurgeResult result = store.purgeExpired(tenant, clock.instant());
        if (result.removedAnything()) {
            ledger.append(tenant, LedgerEntryType.RETENTION_PURGED, Optional.empty(),
                    PurgeAttestation.of(result).toJson(), rules(tenant));
        }
        return result;
    }
}
