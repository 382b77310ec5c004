package io.keyledger.aws.dynamodb;

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
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import io.keyledger.core.sweep.Backoff;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An {@link InventoryStore} in one DynamoDB table ({@link DynamoDbTableSchema}; the items are described
 * in docs/aws/DYNAMODB.md). Thread-safe, and safe for any number of stores on the same table (one per
 * Lambda container): every change that another writer could race is a conditional write on one item,
 * and nothing needs a multi-item transaction.
 *
 * <ul>
 *   <li>Key records are written conditionally on their revision; a loser gets a
 *       {@link io.keyledger.core.store.StaleRevisionException}.</li>
 *   <li>An event insert is a conditional put on the event's provider and id; alerts likewise on
 *       their dedup key; acknowledgement on the alert being open.</li>
 *   <li>A ledger append is a conditional put on the sequence; the head follows (see {@link LedgerItems}).</li>
 *   <li>Expired records are invisible to reads: each item carries its exact expiry, compared with this
 *       store's clock, because DynamoDB's time to live deletes late (up to days).</li>
 * </ul>
 *
 * <p>Reads through an index are eventually consistent, as DynamoDB's global secondary indexes are:
 * listings filtered by state, provider or owner, alert listings, the ledger of one key, and
 * {@link #tenants()} may lag a write by a fraction of a second. Every other read is strongly consistent.
 * There is no unit of work: {@link #inUnitOfWork} runs the calls one by one, each with its own semantics.
 *
 * <p>Each feature port is a part of its own on the table: {@link KeyRecordItems} (with the usage rollups), {@link KeyStoreItems},
 * {@link EventItems}, {@link LedgerItems}, {@link AlertItems}, {@link SweepReportItems} and
 * {@link RetentionItems}, each listing a tenant ({@link TenantItems}) before its first write. This class
 * hands each call to its part.
 *
 * <p>The store does not own the client: close the client yourself.
 */
public final class DynamoDbInventoryStore implements InventoryStore {

    private final String table;
    private final TenantItems tenantItems;
    private final KeyRecordItems keyRecords;
    private final KeyStoreItems keyStoreItems;
    private final EventItems events;
    private final LedgerItems ledger;
    private final AlertItems alerts;
    private final SweepReportItems sweepReports;
    private final RetentionItems retention;
    private final CheckpointItems checkpoints;
    private final ArchiveItems archive;

    private DynamoDbInventoryStore(Builder b) {
        this.table = b.table;
        DynamoDbCalls calls = new DynamoDbCalls(b.client, b.table, b.sleeper, b.batchBackoff, b.random,
                b.maxBatchAttempts);
        this.tenantItems = new TenantItems(calls);
        this.keyRecords = new KeyRecordItems(calls, tenantItems, b.clock);
        this.keyStoreItems = new KeyStoreItems(calls, tenantItems);
        this.events = new EventItems(calls, tenantItems, b.clock);
        this.ledger = new LedgerItems(calls, tenantItems, b.clock, b.ledgerTtlGrace);
        this.alerts = new AlertItems(calls, tenantItems);
        this.sweepReports = new SweepReportItems(calls, tenantItems);
        this.retention = new RetentionItems(calls, tenantItems, events, ledger, keyRecords);
        this.checkpoints = new CheckpointItems(calls, tenantItems);
        this.archive = new ArchiveItems(calls, tenantItems, ledger, events);
    }

    /** A store on {@code tableName} (which must exist) whose reads see time through {@code clock}. */
    public static DynamoDbInventoryStore create(DynamoDbClient client, String tableName, Clock clock) {
        return builder(client, tableName).clock(clock).build();
    }

    public static Builder builder(DynamoDbClient client, String tableName) {
        return new Builder(client, tableName);
    }

    /** The table this store reads and writes. */
    public String table() {
        return table;
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
        return keyStoreItems.keyStore(tenant, keyStoreId);
    }

    @Override
    public long putKeyStore(String tenant, io.keyledger.core.keystore.KeyStoreRecord record, long expectedRevision) {
        return keyStoreItems.putKeyStore(tenant, record, expectedRevision);
    }

    @Override
    public Page<io.keyledger.core.keystore.KeyStoreRecord> keyStores(String tenant, PageRequest page) {
        return keyStoreItems.keyStores(tenant, page);
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

    /**
     * Rewrites the expiry of the events (three items each) and ledger records in batches, and of key
     * records one conditional write each. Do not run it while a purge of the same tenant runs: a batch
     * rewrite of a record the purge just removed would bring it back.
     */
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
        return tenantItems.tenants();
    }

    /** Options of a store; only the client, the table and the clock are needed. */
    public static final class Builder {
        private final DynamoDbClient client;
        private final String table;
        private Clock clock;
        private Sleeper sleeper = Sleeper.threads();
        private Backoff batchBackoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));
        private RandomGenerator random = new Random();
        private int maxBatchAttempts = 10;
        private Duration ledgerTtlGrace = Duration.ofDays(30);

        private Builder(DynamoDbClient client, String table) {
            this.client = Objects.requireNonNull(client, "client");
            this.table = Objects.requireNonNull(table, "tableName");
        }

        /** The clock that decides what has expired. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How batch calls wait before sending again what DynamoDB left unprocessed (default: thread sleep). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Backoff with full jitter between batch attempts (default: 50 ms doubling up to 5 s). */
        public Builder batchBackoff(Backoff backoff, RandomGenerator random) {
            this.batchBackoff = Objects.requireNonNull(backoff, "backoff");
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How many times a batch call is sent before unprocessed items fail the operation (default 10). */
        public Builder maxBatchAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("max batch attempts must be at least 1, was " + attempts);
            }
            this.maxBatchAttempts = attempts;
            return this;
        }

        /**
         * How long after a ledger record's expiry DynamoDB's time to live may delete it (default 30 days).
         * The scheduled purge removes expired records first and attests them in the ledger; a record
         * that time to live deleted unattested would show as a break in {@code verify}.
         */
        public Builder ledgerTtlGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("ledger TTL grace must not be negative: " + grace);
            }
            this.ledgerTtlGrace = grace;
            return this;
        }

        public DynamoDbInventoryStore build() {
            if (clock == null) {
                throw new IllegalStateException("a DynamoDB store needs a clock");
            }
            return new DynamoDbInventoryStore(this);
        }
    }
}
