package io.keyledger.core.store;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.sweep.SweepReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the inventory lives. Every call takes the tenant: no call reads or changes another tenant's
 * data, whatever ids it is given. Records whose expiry has passed are invisible to every read (but
 * the ledger read for verification) and removed by {@link #purgeExpired}; records without expiry
 * (under legal hold) are never removed.
 *
 * <p>All implementations pass the one contract suite {@code InventoryStoreContract} (core test-jar).
 * Correctness never needs a multi-item transaction: events are the source of truth, the asset is a
 * projection written with a conditional write, and the ledger append is conditional on its sequence.
 */
public interface InventoryStore extends AutoCloseable {

    // --- key inventory records (projections) ---

    /** The key's record and its revision, unless absent or expired. */
    Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId);

    /**
     * Writes a key's record if its stored revision is still {@code expectedRevision} (0: it must not
     * exist yet, or only as an expired record, which the write replaces), and returns the new revision.
     *
     * @throws StaleRevisionException when another writer got there first
     */
    long putAsset(String tenant, CryptoAsset asset, long expectedRevision);

    /** The tenant's key records matching the query, in key id order, one page at a time. */
    Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page);

    // --- usage rollups ---

    /**
     * Merges {@code usage} into the key's usage rollup (with {@link UsageContext#merge}, which is
     * commutative and idempotent) and returns the merged rollup. Cryptographic uses are aggregated
     * here instead of being stored one by one; a rollup may exist before the key's record does.
     */
    UsageContext mergeUsage(String tenant, String keyId, UsageContext usage);

    /** The key's usage rollup, if any use was seen. */
    Optional<UsageContext> usage(String tenant, String keyId);

    // --- key events (history) ---

    /**
     * Stores an event unless one with the same provider and event id is already stored for the tenant.
     *
     * @return true if stored, false for a duplicate (which changes nothing)
     */
    boolean insertEvent(StoredEvent event);

    /** The key's visible events in history order ({@link StoredEvent#HISTORY_ORDER}). */
    List<StoredEvent> eventsForKey(String tenant, String keyId);

    /**
     * The tenant's visible events of every key whose event time is in {@code [from, to)}, in history
     * order. Meant for short windows (the windowed anomaly rules read minutes to hours).
     */
    List<StoredEvent> recentEvents(String tenant, Instant from, Instant to);

    // --- ledger ---

    /**
     * Appends a record whose sequence must be the head's sequence plus one, and moves the head.
     *
     * @throws LedgerConflictException when that sequence is already taken (re-read the head, retry)
     */
    void appendLedger(LedgerRecord record);

    /** The last appended record's sequence and hash, or {@link LedgerHead#EMPTY}. */
    LedgerHead ledgerHead(String tenant);

    /**
     * The tenant's ledger records with sequence &gt;= {@code fromSequence}, in sequence order.
     *
     * @param keyId           only the records about this key, if given
     * @param includeExpired  true only to verify the chain: expired records not yet purged are returned too
     */
    Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired,
                              PageRequest page);

    // --- sweep reports ---

    /** Keeps a sweep report of the tenant (replacing one with the same sweep id and scope). */
    void putSweepReport(SweepReport report);

    /** The tenant's sweep reports, newest first (by start, then sweep id and scope). */
    Page<SweepReport> sweepReports(String tenant, PageRequest page);

    // --- alerts ---

    /**
     * Stores an alert unless one with the same dedup key is already stored for the tenant, whatever its
     * status: the same condition alerts once.
     *
     * @return true if stored, false for a condition already alerted
     */
    boolean insertAlert(Alert alert);

    /** One alert of the tenant by id. */
    Optional<Alert> alert(String tenant, String alertId);

    /**
     * The tenant's alerts, of one status or all, newest first ({@link io.keyledger.core.alert.Alerts#sortKey}),
     * one page at a time.
     */
    Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page);

    /**
     * Marks an OPEN alert acknowledged, conditional on it still being open, and returns it as stored;
     * empty if there is no such alert or it was already acknowledged (by this or another writer).
     */
    Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at);

    // --- retention ---

    RetentionPolicy retentionPolicy(String tenant);

    void putRetentionPolicy(String tenant, RetentionPolicy policy);

    List<LegalHold> legalHolds(String tenant);

    /** Places a hold, replacing one on the same scope (tenant, or tenant and key). */
    void putLegalHold(LegalHold hold);

    /** Lifts the hold on a scope; returns false if there was none. */
    boolean removeLegalHold(String tenant, Optional<String> keyId);

    /**
     * Recomputes the expiry of every stored event, ledger record and key record of the tenant (of one
     * key, when given; tenant-level ledger records included when no key is given).
     */
    void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules);

    /**
     * Removes the tenant's records whose expiry is at or before {@code now} (a key record takes its
     * usage rollup with it), and reports the runs of ledger records removed so that the caller can
     * attest them in the ledger.
     */
    PurgeResult purgeExpired(String tenant, Instant now);

    /**
     * Runs {@code work} as one unit of work where the store has one (the embedded SQLite store: one
     * transaction), to save a round trip per call; elsewhere it just runs it. Every call inside keeps
     * its own semantics. If {@code work} throws, a store with units of work keeps none of it, so the
     * caller must not acknowledge anything done inside.
     */
    default <T> T inUnitOfWork(Supplier<T> work) {
        return work.get();
    }

    /** Every tenant that has data in the store. */
    Set<String> tenants();

    @Override
    default void close() {
    }
}
