package io.keyledger.core.store;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.sweep.SweepReport;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A store made of its feature ports: each call handed to the part that serves it, the units of work,
 * tenants and closing to its {@link StoreLifecycle}. {@link StoreParts#compose()} makes one, and every
 * store (in memory, SQLite, DynamoDB, ...) is one: it builds its parts and passes them here, so no
 * store forwards calls by hand.
 */
public class ComposedStore implements InventoryStore {

    private final StoreParts parts;

    protected ComposedStore(StoreParts parts) {
        this.parts = Objects.requireNonNull(parts, "parts");
    }

    @Override
    public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
        return parts.keys().asset(tenant, keyId);
    }

    @Override
    public long putAsset(String tenant, CryptoAsset asset, long expectedRevision) {
        return parts.keys().putAsset(tenant, asset, expectedRevision);
    }

    @Override
    public Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) {
        return parts.keys().assets(tenant, query, page);
    }

    @Override
    public Optional<Versioned<io.keyledger.core.keystore.KeyStoreRecord>> keyStore(String tenant, String keyStoreId) {
        return parts.keyStores().keyStore(tenant, keyStoreId);
    }

    @Override
    public long putKeyStore(String tenant, io.keyledger.core.keystore.KeyStoreRecord record, long expectedRevision) {
        return parts.keyStores().putKeyStore(tenant, record, expectedRevision);
    }

    @Override
    public Page<io.keyledger.core.keystore.KeyStoreRecord> keyStores(String tenant, PageRequest page) {
        return parts.keyStores().keyStores(tenant, page);
    }

    @Override
    public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        return parts.usage().mergeUsage(tenant, keyId, usage);
    }

    @Override
    public Merge mergeUsageWithBefore(String tenant, String keyId, UsageContext usage) {
        return parts.usage().mergeUsageWithBefore(tenant, keyId, usage);
    }

    @Override
    public Optional<UsageContext> usage(String tenant, String keyId) {
        return parts.usage().usage(tenant, keyId);
    }

    @Override
    public Map<String, UsageContext> usages(String tenant, Collection<String> keyIds) {
        return parts.usage().usages(tenant, keyIds);
    }

    /** When key records and rollups come from one store, that store reads them together. */
    @Override
    public Page<KeyWithUsage> assetsWithUsage(String tenant, AssetQuery query, PageRequest page) {
        if (parts.keys() == parts.usage() && parts.keys() instanceof InventoryStore whole) {
            return whole.assetsWithUsage(tenant, query, page);
        }
        return InventoryStore.super.assetsWithUsage(tenant, query, page);
    }

    @Override
    public boolean insertEvent(StoredEvent event) {
        return parts.events().insertEvent(event);
    }

    @Override
    public List<StoredEvent> eventsForKey(String tenant, String keyId) {
        return parts.events().eventsForKey(tenant, keyId);
    }

    @Override
    public List<StoredEvent> eventsToFold(String tenant, String keyId) {
        return parts.events().eventsToFold(tenant, keyId);
    }

    @Override
    public List<StoredEvent> eventsToFoldAfter(String tenant, String keyId, Instant after) {
        return parts.events().eventsToFoldAfter(tenant, keyId, after);
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
        return parts.events().recentEvents(tenant, from, to);
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to, Set<Action> actions) {
        return parts.events().recentEvents(tenant, from, to, actions);
    }

    @Override
    public List<StoredEvent> recentEventsIfAtLeast(String tenant, Instant from, Instant to, Set<Action> actions,
                                                   int atLeast) {
        return parts.events().recentEventsIfAtLeast(tenant, from, to, actions, atLeast);
    }

    @Override
    public void appendLedger(LedgerRecord record) {
        parts.ledger().appendLedger(record);
    }

    @Override
    public LedgerHead ledgerHead(String tenant) {
        return parts.ledger().ledgerHead(tenant);
    }

    @Override
    public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired,
                                     PageRequest page) {
        return parts.ledger().ledger(tenant, fromSequence, keyId, includeExpired, page);
    }

    @Override
    public boolean putCheckpoint(Checkpoint checkpoint) {
        return parts.checkpoints().putCheckpoint(checkpoint);
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint(String tenant) {
        return parts.checkpoints().latestCheckpoint(tenant);
    }

    @Override
    public Page<Checkpoint> checkpoints(String tenant, PageRequest page) {
        return parts.checkpoints().checkpoints(tenant, page);
    }

    @Override
    public boolean putSegment(ArchivedSegment segment, Set<String> keyIds) {
        return parts.archive().putSegment(segment, keyIds);
    }

    @Override
    public List<ArchivedSegment> segments(String tenant) {
        return parts.archive().segments(tenant);
    }

    @Override
    public List<ArchivedSegment> segmentsOfKey(String tenant, String keyId) {
        return parts.archive().segmentsOfKey(tenant, keyId);
    }

    @Override
    public void releaseArchived(String tenant, List<Long> ledgerSequences, List<String> eventDedupKeys) {
        parts.archive().releaseArchived(tenant, ledgerSequences, eventDedupKeys);
    }

    @Override
    public Set<String> archivedEvents(String tenant, List<String> eventDedupKeys) {
        return parts.archive().archivedEvents(tenant, eventDedupKeys);
    }

    @Override
    public boolean removeSegment(String tenant, long fromSequence, Set<String> keyIds, List<String> eventDedupKeys) {
        return parts.archive().removeSegment(tenant, fromSequence, keyIds, eventDedupKeys);
    }

    @Override
    public boolean insertAlert(Alert alert) {
        return parts.alerts().insertAlert(alert);
    }

    @Override
    public Optional<Alert> alert(String tenant, String alertId) {
        return parts.alerts().alert(tenant, alertId);
    }

    @Override
    public Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page) {
        return parts.alerts().alerts(tenant, status, page);
    }

    @Override
    public Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at) {
        return parts.alerts().acknowledgeAlert(tenant, alertId, by, at);
    }

    @Override
    public void putSweepReport(SweepReport report) {
        parts.sweepReports().putSweepReport(report);
    }

    @Override
    public Page<SweepReport> sweepReports(String tenant, PageRequest page) {
        return parts.sweepReports().sweepReports(tenant, page);
    }

    @Override
    public RetentionPolicy retentionPolicy(String tenant) {
        return parts.retention().retentionPolicy(tenant);
    }

    @Override
    public void putRetentionPolicy(String tenant, RetentionPolicy policy) {
        parts.retention().putRetentionPolicy(tenant, policy);
    }

    @Override
    public List<LegalHold> legalHolds(String tenant) {
        return parts.retention().legalHolds(tenant);
    }

    @Override
    public void putLegalHold(LegalHold hold) {
        parts.retention().putLegalHold(hold);
    }

    @Override
    public boolean removeLegalHold(String tenant, Optional<String> keyId) {
        return parts.retention().removeLegalHold(tenant, keyId);
    }

    @Override
    public void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules) {
        parts.retention().restampExpiries(tenant, keyId, rules);
    }

    @Override
    public PurgeResult purgeExpired(String tenant, Instant now, ExpiryRules rules) {
        return parts.retention().purgeExpired(tenant, now, rules);
    }

    @Override
    public <T> T inUnitOfWork(Supplier<T> work) {
        return parts.lifecycle().inUnitOfWork(work);
    }

    @Override
    public Set<String> tenants() {
        return parts.lifecycle().tenants();
    }

    @Override
    public void close() {
        parts.lifecycle().close();
    }
}
