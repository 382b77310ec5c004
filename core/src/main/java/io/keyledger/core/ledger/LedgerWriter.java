package io.keyledger.core.ledger;

import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.LedgerStore;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends records to a tenant's ledger. The append is conditional on the sequence number, so
 * concurrent writers never fork the chain: the loser re-reads the head and chains after the winner.
 * A writer first chains to the record last appended to the store through any writer of this process (no
 * read); if anyone else appended since, or that append was rolled back, the condition fails and it reads the
 * head as a loser does.
 */
public final class LedgerWriter {

    private static final int MAX_ATTEMPTS = 100;

    /**
     * The heads last appended per store and tenant, shared by the writers of a store: each service has a writer of
     * its own, and one service's append (an alert, say) would otherwise send another's next append through a
     * refused write, an exception and a read of the head. Only a first guess, which the store's condition checks;
     * a store no longer used is let go with its heads.
     */
    private static final Map<LedgerStore, Map<String, LedgerHead>> APPENDED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final LedgerStore store;
    private final Clock clock;
    private final Map<String, LedgerHead> appended;

    public LedgerWriter(LedgerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.appended = APPENDED.computeIfAbsent(store, s -> new ConcurrentHashMap<>());
    }

    public LedgerRecord append(String tenant, LedgerEntryType type, Optional<String> keyId, String payload,
                               ExpiryRules rules) {
        for (int attempt = 1; ; attempt++) {
            LedgerHead last = attempt == 1 ? appended.get(tenant) : null;
            LedgerHead head = last != null ? last : store.ledgerHead(tenant);
            LedgerRecord unstamped = LedgerRecord.chain(tenant, head.sequence() + 1, clock.instant(), type, keyId,
                    payload, head.hash(), Optional.empty());
            LedgerRecord record = unstamped.withExpiresAt(rules.forLedger(unstamped));
            try {
                store.appendLedger(record);
                appended.put(tenant, new LedgerHead(record.sequence(), record.hash()));
                AppendedRecords.appended(store, record);
                return record;
            } catch (LedgerConflictException e) {
                appended.remove(tenant);
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
