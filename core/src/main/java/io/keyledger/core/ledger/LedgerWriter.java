package io.keyledger.core.ledger;

import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.LedgerStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Appends records to a tenant's ledger. The append is conditional on the sequence number, so
 * concurrent writers never fork the chain: the loser re-reads the head and chains after the winner.
 */
public final class LedgerWriter {

    private static final int MAX_ATTEMPTS = 100;

    private final LedgerStore store;
    private final Clock clock;

    public LedgerWriter(LedgerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public LedgerRecord append(String tenant, LedgerEntryType type, Optional<String> keyId, String payload,
                               ExpiryRules rules) {
        for (int attempt = 1; ; attempt++) {
            LedgerHead head = store.ledgerHead(tenant);
            LedgerRecord unstamped = LedgerRecord.chain(tenant, head.sequence() + 1, clock.instant(), type, keyId,
                    payload, head.hash(), Optional.empty());
            LedgerRecord record = unstamped.withExpiresAt(rules.forLedger(unstamped));
            try {
                store.appendLedger(record);
                return record;
            } catch (LedgerConflictException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
