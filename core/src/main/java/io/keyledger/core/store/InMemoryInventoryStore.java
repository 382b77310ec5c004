package io.keyledger.core.store;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.alert.Alerts;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.PurgedRun;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.sweep.SweepReport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An {@link InventoryStore} in memory: for tests, demos and benchmarks. Thread-safe (one lock).
 */
public final class InMemoryInventoryStore implements InventoryStore {

    private final Clock clock;
    private final Map<String, TenantData> tenants = new HashMap<>();

    public InMemoryInventoryStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static final class TenantData {
        final NavigableMap<String, Versioned<CryptoAsset>> assets = new TreeMap<>();
        final Map<String, UsageContext> usage = new HashMap<>();
        final NavigableMap<String, SweepReport> sweepReports = new TreeMap<>();
        final Map<String, StoredEvent> eventsByDedupKey = new HashMap<>();
        final Map<String, List<StoredEvent>> eventsByKey = new HashMap<>();
        final NavigableMap<Long, LedgerRecord> ledger = new TreeMap<>();
        LedgerHead head = LedgerHead.EMPTY;
        RetentionPolicy policy = RetentionPolicy.DEFAULT;
        final Map<Optional<String>, LegalHold> holds = new HashMap<>();
        final Map<String, Alert> alertsByDedupKey = new HashMap<>();
        final NavigableMap<String, Alert> alertsBySortKey = new TreeMap<>();
    }

    private TenantData data(String tenant) {
        return tenants.computeIfAbsent(Objects.requireNonNull(tenant, "tenant"), t -> new TenantData());
    }

    private Optional<TenantData> existing(String tenant) {
        return Optional.ofNullable(tenants.get(tenant));
    }

    private Instant now() {
        return clock.instant();
    }

    @Override
    public synchronized Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
        Instant now = now();
        return existing(tenant).map(d -> d.assets.get(keyId)).filter(v -> !expired(v.value(), now));
    }

    @Override
    public synchronized long putAsset(String tenant, CryptoAsset asset, long expectedRevision) {
        if (!asset.tenant().equals(tenant)) {
            throw new IllegalArgumentException("asset of tenant '" + asset.tenant() + "' written as tenant '" + tenant + "'");
        }
        TenantData d = data(tenant);
        Versioned<CryptoAsset> current = d.assets.get(asset.id());
        long currentRevision = current == null || expired(current.value(), now()) ? 0 : current.revision();
        if (currentRevision != expectedRevision) {
            throw new StaleRevisionException("key " + asset.id() + " is at revision " + currentRevision
                    + ", not " + expectedRevision);
        }
        d.assets.put(asset.id(), new Versioned<>(asset, currentRevision + 1));
        return currentRevision + 1;
    }

    @Override
    public synchronized Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) {
        Optional<TenantData> d = existing(tenant);
        if (d.isEmpty()) {
            return new Page<>(List.of(), Optional.empty());
        }
        Instant now = now();
        NavigableMap<String, Versioned<CryptoAsset>> range = page.cursor()
                .map(c -> d.get().assets.tailMap(Cursors.decode(c), false)).orElse(d.get().assets);
        List<CryptoAsset> items = new ArrayList<>();
        for (Versioned<CryptoAsset> v : range.values()) {
            CryptoAsset a = v.value();
            if (expired(a, now) || !query.matches(a)) {
                continue;
            }
            if (items.size() == page.limit()) {
                return new Page<>(items, Optional.of(Cursors.encode(items.get(items.size() - 1).id())));
            }
            items.add(a);
        }
        return new Page<>(items, Optional.empty());
    }

    private static boolean expired(CryptoAsset a, Instant now) {
        return a.retainedUntil().isPresent() && !a.retainedUntil().get().isAfter(now);
    }

    @Override
    public synchronized UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        return data(tenant).usage.merge(keyId, usage, UsageContext::merge);
    }

    @Override
    public synchronized Optional<UsageContext> usage(String tenant, String keyId) {
        return existing(tenant).map(d -> d.usage.get(keyId));
    }

    @Override
    public synchronized boolean insertEvent(StoredEvent event) {
        TenantData d = data(event.tenant());
        String dedup = event.event().dedupKey();
        if (d.eventsByDedupKey.containsKey(dedup)) {
            return false;
        }
        d.eventsByDedupKey.put(dedup, event);
        d.eventsByKey.computeIfAbsent(event.keyId(), k -> new ArrayList<>()).add(event);
        return true;
    }

    @Override
    public synchronized List<StoredEvent> eventsForKey(String tenant, String keyId) {
        Instant now = now();
        List<StoredEvent> out = new ArrayList<>();
        existing(tenant).map(d -> d.eventsByKey.getOrDefault(keyId, List.of())).orElse(List.of())
                .forEach(e -> {
                    if (!e.expiredAt(now)) {
                        out.add(e);
                    }
                });
        out.sort(StoredEvent.HISTORY_ORDER);
        return out;
    }

    @Override
    public synchronized List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
        Instant now = now();
        List<StoredEvent> out = new ArrayList<>();
        existing(tenant).ifPresent(d -> d.eventsByDedupKey.values().forEach(e -> {
            Instant t = e.event().eventTime();
            if (!t.isBefore(from) && t.isBefore(to) && !e.expiredAt(now)) {
                out.add(e);
            }
        }));
        out.sort(StoredEvent.HISTORY_ORDER);
        return out;
    }

    @Override
    public synchronized boolean insertAlert(Alert alert) {
        TenantData d = data(alert.tenant());
        if (d.alertsByDedupKey.containsKey(alert.dedupKey())) {
            return false;
        }
        d.alertsByDedupKey.put(alert.dedupKey(), alert);
        d.alertsBySortKey.put(Alerts.sortKey(alert), alert);
        return true;
    }

    @Override
    public synchronized Optional<Alert> alert(String tenant, String alertId) {
        return existing(tenant).flatMap(d -> d.alertsBySortKey.values().stream()
                .filter(a -> a.id().equals(alertId)).findFirst());
    }

    @Override
    public synchronized Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page) {
        Optional<TenantData> d = existing(tenant);
        if (d.isEmpty()) {
            return new Page<>(List.of(), Optional.empty());
        }
        NavigableMap<String, Alert> range = page.cursor()
                .map(c -> d.get().alertsBySortKey.tailMap(Cursors.decode(c), false)).orElse(d.get().alertsBySortKey);
        List<Alert> items = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, Alert> e : range.entrySet()) {
            if (status.isPresent() && e.getValue().status() != status.get()) {
                continue;
            }
            if (items.size() == page.limit()) {
                return new Page<>(items, Optional.of(Cursors.encode(last)));
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        return new Page<>(items, Optional.empty());
    }

    @Override
    public synchronized Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at) {
        Optional<Alert> current = alert(tenant, alertId).filter(a -> a.status() == AlertStatus.OPEN);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Alert acknowledged = current.get().acknowledged(by, at);
        TenantData d = data(tenant);
        d.alertsByDedupKey.put(acknowledged.dedupKey(), acknowledged);
        d.alertsBySortKey.put(Alerts.sortKey(acknowledged), acknowledged);
        return Optional.of(acknowledged);
    }

    @Override
    public synchronized void appendLedger(LedgerRecord record) {
        TenantData d = data(record.tenant());
        if (record.sequence() != d.head.sequence() + 1) {
            throw new LedgerConflictException(record.tenant(), record.sequence());
        }
        d.ledger.put(record.sequence(), record);
        d.head = new LedgerHead(record.sequence(), record.hash());
    }

    @Override
    public synchronized LedgerHead ledgerHead(String tenant) {
        return existing(tenant).map(d -> d.head).orElse(LedgerHead.EMPTY);
    }

    @Override
    public synchronized Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId,
                                                  boolean includeExpired, PageRequest page) {
        Optional<TenantData> d = existing(tenant);
        if (d.isEmpty()) {
            return new Page<>(List.of(), Optional.empty());
        }
        long from = Math.max(fromSequence, page.cursor().map(c -> Cursors.decodeSequence(c) + 1).orElse(fromSequence));
        Instant now = now();
        List<LedgerRecord> items = new ArrayList<>();
        for (LedgerRecord r : d.get().ledger.tailMap(from, true).values()) {
            if ((!includeExpired && r.expiredAt(now)) || (keyId.isPresent() && !keyId.equals(r.keyId()))) {
                continue;
            }
            if (items.size() == page.limit()) {
                return new Page<>(items, Optional.of(Cursors.encode(items.get(items.size() - 1).sequence())));
            }
            items.add(r);
        }
        return new Page<>(items, Optional.empty());
    }

    @Override
    public synchronized void putSweepReport(SweepReport report) {
        data(report.tenant()).sweepReports.put(SweepReports.sortKey(report), report);
    }

    @Override
    public synchronized Page<SweepReport> sweepReports(String tenant, PageRequest page) {
        Optional<TenantData> d = existing(tenant);
        if (d.isEmpty()) {
            return new Page<>(List.of(), Optional.empty());
        }
        NavigableMap<String, SweepReport> range = page.cursor()
                .map(c -> d.get().sweepReports.tailMap(Cursors.decode(c), false)).orElse(d.get().sweepReports);
        List<SweepReport> items = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, SweepReport> e : range.entrySet()) {
            if (items.size() == page.limit()) {
                return new Page<>(items, Optional.of(Cursors.encode(last)));
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        return new Page<>(items, Optional.empty());
    }

    @Override
    public synchronized RetentionPolicy retentionPolicy(String tenant) {
        return existing(tenant).map(d -> d.policy).orElse(RetentionPolicy.DEFAULT);
    }

    @Override
    public synchronized void putRetentionPolicy(String tenant, RetentionPolicy policy) {
        data(tenant).policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public synchronized List<LegalHold> legalHolds(String tenant) {
        return existing(tenant).map(d -> List.copyOf(d.holds.values())).orElse(List.of());
    }

    @Override
    public synchronized void putLegalHold(LegalHold hold) {
        data(hold.tenant()).holds.put(hold.keyId(), hold);
    }

    @Override
    public synchronized boolean removeLegalHold(String tenant, Optional<String> keyId) {
        return existing(tenant).map(d -> d.holds.remove(keyId) != null).orElse(false);
    }

    @Override
    public synchronized void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules) {
        Optional<TenantData> existing = existing(tenant);
        if (existing.isEmpty()) {
            return;
        }
        TenantData d = existing.get();
        for (List<StoredEvent> events : d.eventsByKey.values()) {
            events.replaceAll(e -> keyId.isEmpty() || keyId.get().equals(e.keyId()) ? e.withExpiresAt(rules.forEvent(e)) : e);
        }
        d.eventsByKey.values().forEach(list -> list.forEach(e -> d.eventsByDedupKey.put(e.event().dedupKey(), e)));
        d.ledger.replaceAll((seq, r) -> keyId.isEmpty() || keyId.equals(r.keyId()) ? r.withExpiresAt(rules.forLedger(r)) : r);
        d.assets.replaceAll((id, v) -> keyId.isEmpty() || keyId.get().equals(id)
                ? new Versioned<>(v.value().toBuilder().retainedUntil(rules.forAsset(v.value())).build(), v.revision())
                : v);
    }

    @Override
    public synchronized PurgeResult purgeExpired(String tenant, Instant now) {
        Optional<TenantData> existing = existing(tenant);
        if (existing.isEmpty()) {
            return PurgeResult.NOTHING;
        }
        TenantData d = existing.get();
        int events = 0;
        for (List<StoredEvent> list : d.eventsByKey.values()) {
            for (StoredEvent e : List.copyOf(list)) {
                if (e.expiredAt(now)) {
                    list.remove(e);
                    d.eventsByDedupKey.remove(e.event().dedupKey());
                    events++;
                }
            }
        }
        d.eventsByKey.values().removeIf(List::isEmpty);
        List<LedgerRecord> removed = new ArrayList<>();
        for (LedgerRecord r : List.copyOf(d.ledger.values())) {
            if (r.expiredAt(now)) {
                d.ledger.remove(r.sequence());
                removed.add(r);
            }
        }
        int assets = 0;
        for (String id : new TreeSet<>(d.assets.keySet())) {
            if (expired(d.assets.get(id).value(), now)) {
                d.assets.remove(id);
                d.usage.remove(id);
                assets++;
            }
        }
        return new PurgeResult(events, removed.size(), assets, PurgedRuns.of(removed));
    }

    @Override
    public synchronized Set<String> tenants() {
        return new TreeSet<>(tenants.keySet());
    }
}
