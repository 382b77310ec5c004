package io.keyledger.local.sqlite;

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
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.PartnerKeyStore;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import io.keyledger.core.sweep.SweepReport;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * An {@link InventoryStore} in one SQLite file (one per installation), for the local CLI and server.
 * Thread-safe: calls share one connection, one at a time. Several stores or processes may open the
 * same file; conditional writes stay correct across them because each runs in a transaction that
 * holds SQLite's write lock (see {@link Database}).
 *
 * <p>Each feature port is a part of its own on the shared {@link Database} ({@link SqliteKeyRecords},
 * {@link SqliteEvents}, {@link SqliteLedger}, ...); this class opens the file, hands each call to its
 * part, and keeps what spans them: units of work, the tenants, closing.
 */
public final class SqliteInventoryStore implements InventoryStore {

    private final Database db;
    private final SqliteKeyRecords keyRecords;
    private final SqliteKeyStores keyStoreRecords;
    private final SqliteUsage usage;
    private final SqliteEvents events;
    private final SqliteLedger ledger;
    private final SqliteAlerts alerts;
    private final SqliteSweepReports sweepReports;
    private final SqliteRetention retention;
    private final SqliteCheckpoints checkpoints;
    private final SqliteArchive archive;
    private final SqlitePartnerKeys partnerKeys;

    private SqliteInventoryStore(Database db, Clock clock) {
        this.db = db;
        this.keyRecords = new SqliteKeyRecords(db, clock);
        this.keyStoreRecords = new SqliteKeyStores(db);
        this.usage = new SqliteUsage(db);
        this.events = new SqliteEvents(db, clock);
        this.ledger = new SqliteLedger(db, clock);
        this.alerts = new SqliteAlerts(db);
        this.sweepReports = new SqliteSweepReports(db);
        this.retention = new SqliteRetention(db);
        this.checkpoints = new SqliteCheckpoints(db);
        this.archive = new SqliteArchive(db);
        this.partnerKeys = new SqlitePartnerKeys(db);
    }

    /**
     * The keys partners hold, recorded from their signed feeds: in the same file, never among the key records;
     * inside {@link #inUnitOfWork} its writes join the unit.
     */
    public PartnerKeyStore partnerKeys() {
        return partnerKeys;
    }

    /** Opens (creating if need be, with its directories) the database file and brings its schema up to date. */
    public static SqliteInventoryStore open(Path dbFile, Clock clock) {
        Objects.requireNonNull(dbFile, "dbFile");
        Objects.requireNonNull(clock, "clock");
        Database db = Database.open(dbFile);
        try {
            Migrations.apply(db, clock);
        } catch (RuntimeException e) {
            try {
                db.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new SqliteInventoryStore(db, clock);
    }

    /** The database file, as an absolute path. */
    public Path file() {
        return db.file();
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
    public <T> T inUnitOfWork(Supplier<T> work) {
        return db.inUnitOfWork("run a unit of work", work);
    }

    @Override
    public Set<String> tenants() {
        return db.call("list tenants", d -> {
            // Every tenant with ledger records has a ledger head (kept after a purge), so the ledger itself need not be read.
            PreparedStatement s = d.prepare("SELECT tenant FROM assets UNION SELECT tenant FROM events"
                    + " UNION SELECT tenant FROM ledger_head UNION SELECT tenant FROM retention_policy"
                    + " UNION SELECT tenant FROM legal_holds UNION SELECT tenant FROM usage_rollups"
                    + " UNION SELECT tenant FROM sweep_reports UNION SELECT tenant FROM alerts"
                    + " UNION SELECT tenant FROM checkpoints UNION SELECT tenant FROM archive_segments");
            Set<String> out = new TreeSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
