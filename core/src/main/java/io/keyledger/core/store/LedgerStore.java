package io.keyledger.core.store;

import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import java.util.Optional;

/**
 * The tenants' hash-chained ledgers, each appended to conditionally on its sequence. Expired records are
 * invisible to every read but the one for verification. Contract: {@code LedgerStoreContract} (in the testkit).
 */
public interface LedgerStore {

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
}
