package io.keyledger.core.store;

import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Retention: each tenant's policy and legal holds, and the expiry of the records the other ports keep
 * (events, ledger records, key records and their usage rollups). Records without expiry (under legal
 * hold) are never removed. The stored expiries serve reads (expired records are invisible) and narrow what a
 * purge looks at; what a purge removes is decided by the rules it is given. Contract:
 * {@code RetentionStoreContract} (in the testkit).
 */
public interface RetentionStore {

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
     * Removes the tenant's records that have expired at {@code now} under {@code rules} (a key record takes
     * its usage rollup with it), and reports the runs of ledger records removed so that the caller can
     * attest them in the ledger. Whether a record has expired is decided from its own content (an event's
     * time, a ledger record's recording time and type, a key record's destruction time) and the rules'
     * holds, never from the expiry stored with it, which may only narrow the records looked at: a record
     * the rules hold is never removed, whatever its stored expiry says.
     */
    PurgeResult purgeExpired(String tenant, Instant now, ExpiryRules rules);
}
