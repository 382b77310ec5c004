package io.keyledger.core.store;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.sweep.SweepReport;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link InventoryStore} in memory: for tests, demos and benchmarks. Thread-safe (one lock). Each feature
 * port is a part of its own ({@code InMemoryKeyRecords}, {@code InMemoryEvents}, ...), all on the same
 * {@link InMemoryTenants}; this class hands each call to its part.
 */
public final class InMemoryInventoryStore implements InventoryStore {

    private final InMemoryTenants tenants;
    private final InMemoryKeyRecords keyRecords;
    private final InMemoryKeyStores keyStoreRecords;
    private final InMemoryUsage usage;
    private final InMemoryEvents events;
    private final InMemoryLedger ledger;
    private final InMemoryAlerts alerts;
    private final InMemorySweepReports sweepReports;
    private final InMemoryRetention retention;
    private final InMemoryCheckpoints checkpoints;
    private final InMemoryArchive archive;

    public InMemoryInventoryStore(Clock clock) {
        this.tenants = new InMemoryTenants(clock);
        this.keyRecords = new InMemoryKeyRecords(tenants);
        this.keyStoreRecords = new InMemoryKeyStores(tenants);
        this.usage = new InMemoryUsage(tenants);
        this.events = new InMemoryEvents(tenants);
        this.ledger = new InMemoryLedger(tenants);
        this.alerts = new InMemoryAlerts(tenants);
        this.sweepReports = new InMemorySweepReports(tenants);
        this.retention = new InMemoryRetention(tenants);
        this.checkpoints = new InMemoryCheckpoints(tenants);
        this.archive = new InMemoryArchive(tenants);
    }

    @Override
    public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
        return keyRecords.asset(tenant, keyId);
    }

    @Override
    public long putAsset(String tenant, CryptoAsset asset, long expectedRevision) {
        return keyRecords.putAsset(tenant, asset, expectedRevision);
    }

    @Override
    public Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) {
        return keyRecords.assets(tenant, query, page);
    }

    @Override
    public Optional<Versioned<io.keyledger.core.keystore.KeyStoreRecord>> keyStore(String tenant, String keyStoreId) {
        return keyStoreRecords.keyStore(tenant, keyStoreId);
    }

    @Override
    public long putKeyStore(String tenant, io.keyledger.core.keystore.KeyStoreRecord record, long expectedRevision) {
        return keyStoreRecords.putKeyStore(tenant, record, expectedRevision);
    }

    @Override
    public Page<io.keyledger.core.keystore.KeyStoreRecord> keyStores(String tenant, PageRequest page) {
        return keyStoreRecords.keyStores(tenant, page);
    }

    @Override
    public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        return this.usage.mergeUsage(tenant, keyId, usage);
    }

    @Override
    public Optional<UsageContext> usage(String tenant, String keyId) {
        return usage.usage(tenant, keyId);
    }

    @Override
    public boolean insertEvent(StoredEvent event) {
        return events.insertEvent(event);
    }

    @Override
    public List<StoredEvent> eventsForKey(String tenant, String keyId) {
        return events.eventsForKey(tenant, keyId);
    }

    @Override
    public List<StoredEvent> eventsToFold(String tenant, String keyId) {
        return events.eventsToFold(tenant, keyId);
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
        return events.recentEvents(tenant, from, to);
    }

    @Override
    public void appendLedger(LedgerRecord record) {
        ledger.appendLedger(record);
    }

    @Override
    public LedgerHead ledgerHead(String tenant) {
        return ledger.ledgerHead(tenant);
    }

    @Override
    public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired,
                                     PageRequest page) {
        return ledger.ledger(tenant, fromSequence, keyId, includeExpired, page);
    }

    @Override
    public boolean putCheckpoint(Checkpoint checkpoint) {
        return checkpoints.putCheckpoint(checkpoint);
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint(String tenant) {
        return checkpoints.latestCheckpoint(tenant);
    }

    @Override
    public Page<Checkpoint> checkpoints(String tenant, PageRequest page) {
        return checkpoints.checkpoints(tenant, page);
    }

    @Override
    public boolean putSegment(ArchivedSegment segment, Set<String> keyIds) {
        return archive.putSegment(segment, keyIds);
    }

    @Override
    public List<ArchivedSegment> segments(String tenant) {
        return archive.segments(tenant);
    }

    @Override
    public List<ArchivedSegment> segmentsOfKey(String tenant, String keyId) {
        return archive.segmentsOfKey(tenant, keyId);
    }

    @Override
    public void releaseArchived(String tenant, List<Long> ledgerSequences, List<String> eventDedupKeys) {
        archive.releaseArchived(tenant, ledgerSequences, eventDedupKeys);
    }

    @Override
    public Set<String> archivedEvents(String tenant, List<String> eventDedupKeys) {
        return archive.archivedEvents(tenant, eventDedupKeys);
    }

    @Override
    public boolean removeSegment(String tenant, long fromSequence, Set<String> keyIds, List<String> eventDedupKeys) {
        return archive.removeSegment(tenant, fromSequence, keyIds, eventDedupKeys);
    }

    @Override
    public boolean insertAlert(Alert alert) {
        return alerts.insertAlert(alert);
    }

    @Override
    public Optional<Alert> alert(String tenant, String alertId) {
        return alerts.alert(tenant, alertId);
    }

    @Override
    public Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page) {
        return alerts.alerts(tenant, status, page);
    }

    @Override
    public Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at) {
        return alerts.acknowledgeAlert(tenant, alertId, by, at);
    }

    @Override
    public void putSweepReport(SweepReport report) {
        sweepReports.putSweepReport(report);
    }

    @Override
    public Page<SweepReport> sweepReports(String tenant, PageRequest page) {
        return sweepReports.sweepReports(tenant, page);
    }

    @Override
    public RetentionPolicy retentionPolicy(String tenant) {
        return retention.retentionPolicy(tenant);
    }

    @Override
    public void putRetentionPolicy(String tenant, RetentionPolicy policy) {
        retention.putRetentionPolicy(tenant, policy);
    }

    @Override
    public List<LegalHold> legalHolds(String tenant) {
        return retention.legalHolds(tenant);
    }

    @Override
    public void putLegalHold(LegalHold hold) {
        retention.putLegalHold(hold);
    }

    @Override
    public boolean removeLegalHold(String tenant, Optional<String> keyId) {
        return retention.removeLegalHold(tenant, keyId);
    }

    @Override
    public void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules) {
        retention.restampExpiries(tenant, keyId, rules);
    }

    @Override
    public PurgeResult purgeExpired(String tenant, Instant now, ExpiryRules rules) {
        return retention.purgeExpired(tenant, now, rules);
    }

    @Override
    public Set<String> tenants() {
        return tenants.names();
    }
}
