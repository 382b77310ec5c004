package io.keyledger.core.ledger;

import io.keyledger.core.store.LedgerStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The ledger records this process appended and no checkpoint has checked yet, per store: a checkpoint re-reads
 * every record since the last one, and a record read back equal in every field to one this process hashed when it
 * appended it matches its hash without hashing it again (SHA-256 runs in Java under the client compiler). Anything
 * else, a record changed since or one another process appended, is hashed as before.
 *
 * <p>Held only for a store this process signs checkpoints of (where the signing runs elsewhere, nothing is kept), at
 * most {@value #HELD} records per store, the oldest let go first (a checkpoint then hashes those). A record is let go
 * once a checkpoint has taken it; a store no longer used is let go with its records.
 */
final class AppendedRecords {

    static final int HELD = 2_048;

    private record At(String tenant, long sequence) {
        // written out: looked up for every record appended and read back (see LedgerRecord's)
        @Override
        public boolean equals(Object o) {
            return o instanceof At other && sequence == other.sequence && tenant.equals(other.tenant);
        }

        @Override
        public int hashCode() {
            return tenant.hashCode() * 31 + Long.hashCode(sequence);
        }
    }

    private static final Map<LedgerStore, Map<At, LedgerRecord>> BY_STORE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private AppendedRecords() {
    }

    /** From now on, the records appended to {@code store} are held for its checkpoints. */
    static void holdFor(LedgerStore store) {
        BY_STORE.computeIfAbsent(store, s -> Collections.synchronizedMap(
                new LinkedHashMap<At, LedgerRecord>(256, 0.75f, false) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<At, LedgerRecord> eldest) {
                        return size() > HELD;
                    }
                }));
    }

    static void appended(LedgerStore store, LedgerRecord record) {
        Map<At, LedgerRecord> held = BY_STORE.get(store);
        if (held != null) {
            held.put(new At(record.tenant(), record.sequence()), record);
        }
    }

    /**
     * Whether {@code stored}, read back from {@code store}, is in every field a record this process appended there,
     * whose hash it computed from that content. The record is let go either way: a checkpoint takes it once.
     */
    static boolean takeIfUnchanged(LedgerStore store, LedgerRecord stored) {
        Map<At, LedgerRecord> held = BY_STORE.get(store);
        if (held == null) {
            return false;
        }
        LedgerRecord appended = held.remove(new At(stored.tenant(), stored.sequence()));
        return appended != null && appended.equals(stored);
    }
}
