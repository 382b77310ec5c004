package io.keyledger.testkit.store;

import static io.keyledger.testkit.store.InMemoryTenants.expired;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.PurgedRuns;
import io.keyledger.core.store.RetentionStore;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Retention in an {@link InMemoryInventoryStore}: policies, legal holds, and the expiry of the other parts'
 * records, which it reaches through the shared {@link InMemoryTenants}.
 */
final class InMemoryRetention implements RetentionStore {

    private final InMemoryTenants tenants;

    InMemoryRetention(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public RetentionPolicy retentionPolicy(String tenant) {
        synchronized (tenants) {
            return tenants.existing(tenant).map(d -> d.policy).orElse(RetentionPolicy.DEFAULT);
        }
    }

    @Override
    public void putRetentionPolicy(String tenant, RetentionPolicy policy) {
        synchronized (tenants) {
            tenants.data(tenant).policy = Objects.requireNonNull(policy, "policy");
        }
    }

    @Override
    public List<LegalHold> legalHolds(String tenant) {
        synchronized (tenants) {
            return tenants.existing(tenant).map(d -> List.copyOf(d.holds.values())).orElse(List.of());
        }
    }

    @Override
    public void putLegalHold(LegalHold hold) {
        synchronized (tenants) {
            tenants.data(hold.tenant()).holds.put(hold.keyId(), hold);
        }
    }

    @Override
    public boolean removeLegalHold(String tenant, Optional<String> keyId) {
        synchronized (tenants) {
            return tenants.existing(tenant).map(d -> d.holds.remove(keyId) != null).orElse(false);
        }
    }

    @Override
    public void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules) {
        synchronized (tenants) {
            Optional<InMemoryTenants.Data> existing = tenants.existing(tenant);
            if (existing.isEmpty()) {
                return;
            }
            InMemoryTenants.Data d = existing.get();
            for (List<StoredEvent> events : d.eventsByKey.values()) {
                events.replaceAll(e -> keyId.isEmpty() || keyId.get().equals(e.keyId())
                        ? e.withExpiresAt(rules.forEvent(e)) : e);
            }
            d.eventsByKey.values().forEach(list -> list.forEach(e -> d.eventsByDedupKey.put(e.event().dedupKey(), e)));
            d.ledger.replaceAll((seq, r) -> keyId.isEmpty() || keyId.equals(r.keyId())
                    ? r.withExpiresAt(rules.forLedger(r)) : r);
            d.assets.replaceAll((id, v) -> keyId.isEmpty() || keyId.get().equals(id)
                    ? new Versioned<>(v.value().toBuilder().retainedUntil(rules.forAsset(v.value())).build(),
                            v.revision())
                    : v);
        }
    }

    @Override
    public PurgeResult purgeExpired(String tenant, Instant now, ExpiryRules rules) {
        synchronized (tenants) {
            Optional<InMemoryTenants.Data> existing = tenants.existing(tenant);
            if (existing.isEmpty()) {
                return PurgeResult.NOTHING;
            }
            InMemoryTenants.Data d = existing.get();
            int events = 0;
            for (List<StoredEvent> list : d.eventsByKey.values()) {
                for (StoredEvent e : List.copyOf(list)) {
                    // As every store: the stored expiry picks the records looked at, the rules decide.
                    if (e.expiredAt(now) && ExpiryRules.expired(rules.forEvent(e), now)) {
                        list.remove(e);
                        d.eventsByDedupKey.remove(e.event().dedupKey());
                        events++;
                    }
                }
            }
            d.eventsByKey.values().removeIf(List::isEmpty);
            List<LedgerRecord> removed = new ArrayList<>();
            for (LedgerRecord r : List.copyOf(d.ledger.values())) {
                if (r.expiredAt(now) && ExpiryRules.expired(rules.forLedger(r), now)) {
                    d.ledger.remove(r.sequence());
                    removed.add(r);
                }
            }
            int assets = 0;
            for (String id : new TreeSet<>(d.assets.keySet())) {
                CryptoAsset a = d.assets.get(id).value();
                if (expired(a, now) && ExpiryRules.expired(rules.forAsset(a), now)) {
                    d.assets.remove(id);
                    d.usage.remove(id);
                    assets++;
                }
            }
            return new PurgeResult(events, removed.size(), assets, PurgedRuns.of(removed));
        }
    }
}
