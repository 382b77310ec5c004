package io.keyledger.core.report;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import io.keyledger.core.sweep.SweepReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** A store that hands every call to another; tests override the calls they want to change. */
public class ForwardingInventoryStore implements InventoryStore {

    protected final InventoryStore delegate;

    public ForwardingInventoryStore(InventoryStore delegate) {
        this.delegate = delegate;
    }

    @Override public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) { return delegate.asset(tenant, keyId); }
    @Override public long putAsset(String tenant, CryptoAsset asset, long expectedRevision) { return delegate.putAsset(tenant, asset, expectedRevision); }
    @Override public Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) { return delegate.assets(tenant, query, page); }
    @Override public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) { return delegate.mergeUsage(tenant, keyId, usage); }
    @Override public Optional<UsageContext> usage(String tenant, String keyId) { return delegate.usage(tenant, keyId); }
    @Override public boolean insertEvent(StoredEvent event) { return delegate.insertEvent(event); }
    @Override public List<StoredEvent> eventsForKey(String tenant, String keyId) { return delegate.eventsForKey(tenant, keyId); }
    @Override public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) { return delegate.recentEvents(tenant, from, to); }
    @Override public void appendLedger(LedgerRecord record) { delegate.appendLedger(record); }
    @Override public LedgerHead ledgerHead(String tenant) { return delegate.ledgerHead(tenant); }
    @Override public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired, PageRequest page) { return delegate.ledger(tenant, fromSequence, keyId, includeExpired, page); }
    @Override public void putSweepReport(SweepReport report) { delegate.putSweepReport(report); }
    @Override public Page<SweepReport> sweepReports(String tenant, PageRequest page) { return delegate.sweepReports(tenant, page); }
    @Override public boolean insertAlert(Alert alert) { return delegate.insertAlert(alert); }
    @Override public Optional<Alert> alert(String tenant, String alertId) { return delegate.alert(tenant, alertId); }
    @Override public Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page) { return delegate.alerts(tenant, status, page); }
    @Override public Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at) { return delegate.acknowledgeAlert(tenant, alertId, by, at); }
    @Override public RetentionPolicy retentionPolicy(String tenant) { return delegate.retentionPolicy(tenant); }
    @Override public void putRetentionPolicy(String tenant, RetentionPolicy policy) { delegate.putRetentionPolicy(tenant, policy); }
    @Override public List<LegalHold> legalHolds(String tenant) { return delegate.legalHolds(tenant); }
    @Override public void putLegalHold(LegalHold hold) { delegate.putLegalHold(hold); }
    @Override public boolean removeLegalHold(String tenant, Optional<String> keyId) { return delegate.removeLegalHold(tenant, keyId); }
    @Override public void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules) { delegate.restampExpiries(tenant, keyId, rules); }
    @Override public PurgeResult purgeExpired(String tenant, Instant now) { return delegate.purgeExpired(tenant, now); }
    @Override public <T> T inUnitOfWork(Supplier<T> work) { return delegate.inUnitOfWork(work); }
    @Override public Set<String> tenants() { return delegate.tenants(); }
}
