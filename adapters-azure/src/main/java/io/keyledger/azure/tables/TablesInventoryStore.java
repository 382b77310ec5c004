package io.keyledger.azure.tables;

import com.azure.data.tables.TableServiceClient;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link InventoryStore} on Azure Tables: Azure Storage tables or Azure Cosmos DB for Table, through the
 * same {@link TableServiceClient} ({@code azure-data-tables}). Two tables ({@link InventoryTables}); the
 * entities are described in docs/azure/TABLES.md. Thread-safe, and safe for any number of stores on the same
 * tables (one per function instance): every change another writer could race is a write conditional on an
 * ETag or a create that fails if the entity exists, and what must change together lies in one partition
 * and is written in one entity group transaction.
 *
 * <ul>
 *   <li>Key records are replaced conditionally on the ETag of the revision expected; a loser gets a
 *       {@link io.keyledger.core.store.StaleRevisionException}.</li>
 *   <li>An event's marker is created last, and only if absent: the insert is idempotent by provider and id.</li>
 *   <li>A ledger append creates the record and moves the head in one transaction, conditional on the
 *       head's ETag; a loser gets a {@link io.keyledger.core.ledger.LedgerConflictException}.</li>
 *   <li>An alert and its listing entity are created, and acknowledged, in one transaction.</li>
 *   <li>Expired records are invisible to reads: each carries its exact expiry, compared with this store's
 *       clock. What removes them is the scheduled purge, and in {@link TablesRetention#COSMOS_TTL} also
 *       Cosmos DB's time to live ({@code ttl}); nothing under legal hold carries either.</li>
 * </ul>
 *
 * <p>Each feature port is a part of its own: {@link KeyRecordEntities} (with the usage rollups),
 * {@link EventEntities}, {@link LedgerEntities}, {@link AlertEntities}, {@link SweepReportEntities} and
 * {@link RetentionEntities}, each registering a tenant ({@link TenantEntities}) before its first write. This
 * class hands each call to its part. There is no unit of work: {@link #inUnitOfWork} runs the calls one by
 * one, each with its own semantics.
 *
 * <p>The store does not own the client.
 */
public final class TablesInventoryStore implements InventoryStore {

    private final InventoryTables tables;
    private final TablesRetention retention;
    private final TenantEntities tenants;
    private final KeyRecordEntities keyRecords;
    private final EventEntities events;
    private final LedgerEntities ledger;
    private final AlertEntities alerts;
    private final SweepReportEntities sweepReports;
    private final RetentionEntities retentionPart;

    private TablesInventoryStore(Builder b) {
        this.tables = b.tables;
        this.retention = b.retention;
        TableCalls inventory = new TableCalls(b.service.getTableClient(b.tables.inventory()));
        TableCalls registry = new TableCalls(b.service.getTableClient(b.tables.tenants()));
        this.tenants = new TenantEntities(registry);
        this.keyRecords = new KeyRecordEntities(inventory, tenants, b.clock, b.retention);
        this.events = new EventEntities(inventory, tenants, b.clock, b.retention);
        this.ledger = new LedgerEntities(inventory, tenants, b.clock, b.retention, b.ledgerTtlGrace);
        this.alerts = new AlertEntities(inventory, tenants);
        this.sweepReports = new SweepReportEntities(inventory, tenants);
        this.retentionPart = new RetentionEntities(inventory, tenants, events, ledger, keyRecords);
    }

    /** A store on the tables named after {@code baseName} (which must exist), reading time through {@code clock}. */
    public static TablesInventoryStore create(TableServiceClient service, String baseName, Clock clock) {
        return builder(service, InventoryTables.named(baseName)).clock(clock).build();
    }

    public static Builder builder(TableServiceClient service, InventoryTables tables) {
        return new Builder(service, tables);
    }

    public InventoryTables tables() {
        return tables;
    }

    public TablesRetention retention() {
        return retention;
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
    public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        return keyRecords.mergeUsage(tenant, keyId, usage);
    }

    @Override
    public Optional<UsageContext> usage(String tenant, String keyId) {
        return keyRecords.usage(tenant, keyId);
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
    public void putSweepReport(SweepReport report) {
        sweepReports.putSweepReport(report);
    }

    @Override
    public Page<SweepReport> sweepReports(String tenant, PageRequest page) {
        return sweepReports.sweepReports(tenant, page);
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
    public RetentionPolicy retentionPolicy(String tenant) {
        return retentionPart.retentionPolicy(tenant);
    }

    @Override
    public void putRetentionPolicy(String tenant, RetentionPolicy policy) {
        retentionPart.putRetentionPolicy(tenant, policy);
    }

    @Override
    public List<LegalHold> legalHolds(String tenant) {
        return retentionPart.legalHolds(tenant);
    }

    @Override
    public void putLegalHold(LegalHold hold) {
        retentionPart.putLegalHold(hold);
    }

    @Override
    public boolean removeLegalHold(String tenant, Optional<String> keyId) {
        return retentionPart.removeLegalHold(tenant, keyId);
    }

    @Override
    public void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules) {
        retentionPart.restampExpiries(tenant, keyId, rules);
    }

    @Override
    public PurgeResult purgeExpired(String tenant, Instant now) {
        return retentionPart.purgeExpired(tenant, now);
    }

    @Override
    public Set<String> tenants() {
        return tenants.tenants();
    }

    /** Options of a store; only the client, the tables and the clock are needed. */
    public static final class Builder {
        private final TableServiceClient service;
        private final InventoryTables tables;
        private Clock clock;
        private TablesRetention retention = TablesRetention.STORAGE_PURGE;
        private Duration ledgerTtlGrace = Duration.ofDays(30);

        private Builder(TableServiceClient service, InventoryTables tables) {
            this.service = Objects.requireNonNull(service, "service");
            this.tables = Objects.requireNonNull(tables, "tables");
        }

        /** The clock that decides what has expired. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How expired records leave the tables (default: {@link TablesRetention#STORAGE_PURGE}). */
        public Builder retention(TablesRetention retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /**
         * In {@link TablesRetention#COSMOS_TTL}, how long after a ledger record's expiry Cosmos DB may delete
         * it (default 30 days): the scheduled purge removes expired records first and attests them in the
         * ledger; a record deleted by time to live unattested would show as a break in {@code verify}.
         */
        public Builder ledgerTtlGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("ledger TTL grace must not be negative: " + grace);
            }
            this.ledgerTtlGrace = grace;
            return this;
        }

        public TablesInventoryStore build() {
            if (clock == null) {
                throw new IllegalStateException("a Tables store needs a clock");
            }
            return new TablesInventoryStore(this);
        }
    }
}
