package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.Firestore;
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
import java.util.regex.Pattern;

/**
 * An {@link InventoryStore} on Firestore (native mode), in one root collection of one database: each tenant is a
 * document of the root collection and everything of the tenant lives in its subcollections (docs/gcp/FIRESTORE.md
 * has the layout, the indexes and the time-to-live policies). Thread-safe, and safe for any number of stores on
 * the same collection (one per function instance).
 *
 * <ul>
 *   <li>Every change another writer could race is one atomic commit whose outcome is decided by a precondition
 *       on a document's existence: key records and usage rollups through revision markers, events and alerts by
 *       creating the document named after their id, the ledger through its head marker
 *       ({@link KeyRecordDocs}, {@link LedgerDocs}). A key record write that loses gets a
 *       {@link io.keyledger.core.store.StaleRevisionException}; nothing needs an interactive transaction.</li>
 *   <li>Expiring documents carry {@code expireAt}, a timestamp for Firestore's time-to-live policies, and
 *       {@code expiry}, the exact expiry that reads compare with this store's clock: time to live deletes late
 *       (typically within a day), so an expired document is invisible before it is gone. Nothing under legal
 *       hold has an {@code expireAt}.</li>
 *   <li>Bodies are JSON, gzip-compressed above 2 KiB; a document over Firestore's 1 MiB limit is refused naming
 *       the record, except sweep reports, which are split into parts ({@link SweepReportDocs}).</li>
 * </ul>
 *
 * <p>Reads are strongly consistent. There is no unit of work: {@link #inUnitOfWork} runs the calls one by one,
 * each with its own semantics. Every request is counted in the {@link FirestoreRequestCounter} given to the
 * builder. The store does not own the client: close the client yourself.
 */
public final class FirestoreInventoryStore implements InventoryStore {

    /** The root collection when none is given. */
    public static final String DEFAULT_ROOT = "keyledger";

    /** Collection ids: letters, digits, '-' and '_', not starting with "__". */
    private static final Pattern COLLECTION_ID = Pattern.compile("(?!__)[A-Za-z0-9_-]{1,100}");

    private final String root;
    private final TenantDocs tenantDocs;
    private final KeyRecordDocs keyRecords;
    private final EventDocs events;
    private final LedgerDocs ledger;
    private final AlertDocs alerts;
    private final SweepReportDocs sweepReports;
    private final RetentionDocs retention;

    private FirestoreInventoryStore(Builder b) {
        this.root = b.root;
        FirestoreCalls calls = new FirestoreCalls(b.firestore, new Layout(b.firestore, b.root), b.counter);
        this.tenantDocs = new TenantDocs(calls);
        this.keyRecords = new KeyRecordDocs(calls, tenantDocs, b.clock);
        this.events = new EventDocs(calls, tenantDocs, b.clock);
        this.ledger = new LedgerDocs(calls, tenantDocs, b.clock, b.ledgerTtlGrace);
        this.alerts = new AlertDocs(calls, tenantDocs);
        this.sweepReports = new SweepReportDocs(calls, tenantDocs);
        this.retention = new RetentionDocs(calls, tenantDocs, events, ledger, keyRecords);
    }

    static String requireCollectionId(String collectionId) {
        if (collectionId == null || !COLLECTION_ID.matcher(collectionId).matches()) {
            throw new IllegalArgumentException("root collection: not a collection id of letters, digits, '-' and "
                    + "'_': '" + collectionId + "'");
        }
        return collectionId;
    }

    /** A store in the root collection {@value #DEFAULT_ROOT} whose reads see time through {@code clock}. */
    public static FirestoreInventoryStore create(Firestore firestore, Clock clock) {
        return builder(firestore).clock(clock).build();
    }

    public static Builder builder(Firestore firestore) {
        return new Builder(firestore);
    }

    /** The root collection this store reads and writes. */
    public String rootCollection() {
        return root;
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

    /**
     * Rewrites the expiry of events and ledger records in batched commits, and of key records one conditional
     * commit each. Do not run it while a purge of the same tenant runs: a rewrite of a record the purge just
     * removed would bring it back.
     */
    @Override
    public void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules) {
        retention.restampExpiries(tenant, keyId, rules);
    }

    @Override
    public PurgeResult purgeExpired(String tenant, Instant now) {
        return retention.purgeExpired(tenant, now);
    }

    @Override
    public Set<String> tenants() {
        return tenantDocs.tenants();
    }

    /** Options of a store; only the client and the clock are needed. */
    public static final class Builder {
        private final Firestore firestore;
        private Clock clock;
        private String root = DEFAULT_ROOT;
        private FirestoreRequestCounter counter = new FirestoreRequestCounter();
        private Duration ledgerTtlGrace = Duration.ofDays(30);

        private Builder(Firestore firestore) {
            this.firestore = Objects.requireNonNull(firestore, "firestore");
        }

        /** The clock that decides what has expired. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The root collection that holds the tenants' documents (default {@value #DEFAULT_ROOT}): letters,
         * digits, '-' and '_'.
         */
        public Builder rootCollection(String collectionId) {
            this.root = requireCollectionId(collectionId);
            return this;
        }

        /** Where the store counts its requests (default: a counter of its own). */
        public Builder requestCounter(FirestoreRequestCounter counter) {
            this.counter = Objects.requireNonNull(counter, "counter");
            return this;
        }

        /**
         * How long after a ledger record's expiry Firestore's time to live may delete it (default 30 days). The
         * scheduled purge removes expired records first and attests them in the ledger; a record that time to
         * live deleted unattested would show as a break in {@code verify}.
         */
        public Builder ledgerTtlGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("ledger TTL grace must not be negative: " + grace);
            }
            this.ledgerTtlGrace = grace;
            return this;
        }

        public FirestoreInventoryStore build() {
            if (clock == null) {
                throw new IllegalStateException("a Firestore store needs a clock");
            }
            return new FirestoreInventoryStore(this);
        }
    }
}
