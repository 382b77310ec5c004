package io.keyledger.core.store;

import io.keyledger.core.archive.ArchivedSegment;
import java.util.List;
import java.util.Set;

/**
 * The index of the archive tier: which runs of each tenant's ledger moved to archived segments, and which
 * keys have records in each (so that a key's history reads only its segments); and the release of the
 * store's own copies once a segment is written. The segments themselves live outside the store
 * ({@link io.keyledger.core.archive.ArchiveObjects}). Contract: {@code ArchiveStoreContract} (in the testkit).
 */
public interface ArchiveStore {

    /**
     * Records a segment and the keys with records in it, unless the tenant has a segment starting at the
     * same sequence already.
     *
     * @return true if recorded, false if one was there (which stays)
     */
    boolean putSegment(ArchivedSegment segment, Set<String> keyIds);

    /** The tenant's segments, in sequence order. */
    List<ArchivedSegment> segments(String tenant);

    /** The tenant's segments that hold records of {@code keyId}, in sequence order. */
    List<ArchivedSegment> segmentsOfKey(String tenant, String keyId);

    /**
     * Removes the store's copies of what a segment now holds: the ledger records of these sequences
     * (the head stays), and the events of these idempotency keys ({@code KeyEvent#dedupKey}), which
     * reads no longer return but {@link EventStore#insertEvent} still knows, so a redelivery stays a
     * duplicate. Releasing again changes nothing.
     */
    void releaseArchived(String tenant, List<Long> ledgerSequences, List<String> eventDedupKeys);

    /** Which of these archived events' idempotency keys the store still knows (as {@link #releaseArchived} keeps them). */
    Set<String> archivedEvents(String tenant, List<String> eventDedupKeys);

    /**
     * Forgets a purged segment: its index entries (those of {@code keyIds}, the keys with records in it), and
     * the idempotency keys of the events it held.
     *
     * @return true if it was recorded
     */
    boolean removeSegment(String tenant, long fromSequence, Set<String> keyIds, List<String> eventDedupKeys);
}
