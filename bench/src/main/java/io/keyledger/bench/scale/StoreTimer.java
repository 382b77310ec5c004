package io.keyledger.bench.scale;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.KeyRecordStore;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.StoreLifecycle;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.store.Versioned;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Times the store calls of a sweep, to show where its time goes without changing the core: the
 * reconciler's lookup of each listed key ({@code asset}), its scan for keys the listing did not show
 * ({@code assets}, in the missing-key check) and the corrections applied as one unit of work
 * ({@code inUnitOfWork}, which holds everything the ingest does, the store calls inside it included).
 * Times are summed over the sweeping threads, and include waiting for the store's lock.
 *
 * <p>It also counts the conditional writes that lost a race with another sweeping thread (a ledger
 * append after another thread's, a key record written meanwhile): the ingest retries them, and their
 * number shows what sweeping scopes in parallel costs in a tenant's one ledger.
 *
 * <p>Only the key records, the ledger and the lifecycle are wrapped ({@link StoreParts}); every other
 * port is the store's own.
 */
final class StoreTimer {

    /** What a store call is part of. */
    enum Part { LOOKUP, SCAN, APPLY }

    private final InventoryStore timed;
    private final Map<Part, LongAdder> nanos = new EnumMap<>(Part.class);
    /** Whether the thread is inside a unit of work, whose nested store calls count towards APPLY only. */
    private final ThreadLocal<Boolean> applying = ThreadLocal.withInitial(() -> false);
    private final LongAdder conflicts = new LongAdder();

    StoreTimer(InventoryStore delegate) {
        for (Part p : Part.values()) {
            nanos.put(p, new LongAdder());
        }
        StoreParts parts = StoreParts.of(delegate);
        this.timed = parts.withKeys(new TimedKeyRecords(parts.keys())).withLedger(new CountedLedger(parts.ledger()))
                .withLifecycle(new TimedLifecycle(parts.lifecycle())).compose();
    }

    /** The store to give the ingest and the reconciler. */
    InventoryStore store() {
        return timed;
    }

    /** Seconds spent in {@code part} since the last call, summed over threads; starts the count again. */
    double drainSeconds(Part part) {
        return nanos.get(part).sumThenReset() / 1e9;
    }

    /** Conditional writes that lost a race since the last call; starts the count again. */
    long drainConflicts() {
        return conflicts.sumThenReset();
    }

    /** Runs {@code call} timed as {@code part}, unless the thread is inside a unit of work already. */
    private <T> T timed(Part part, Supplier<T> call) {
        if (applying.get()) {
            return call.get();
        }
        long start = System.nanoTime();
        applying.set(part == Part.APPLY);
        try {
            return call.get();
        } finally {
            applying.set(false);
            nanos.get(part).add(System.nanoTime() - start);
        }
    }

    /** Runs a conditional write, counting it if it lost a race. */
    private <T> T counted(Supplier<T> write) {
        try {
            return write.get();
        } catch (LedgerConflictException | StaleRevisionException lost) {
            conflicts.increment();
            throw lost;
        }
    }

    private final class TimedKeyRecords implements KeyRecordStore {
        private final KeyRecordStore keys;

        TimedKeyRecords(KeyRecordStore keys) {
            this.keys = keys;
        }

        @Override
        public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
            return timed(Part.LOOKUP, () -> keys.asset(tenant, keyId));
        }

        @Override
        public long putAsset(String tenant, CryptoAsset asset, long expectedRevision) {
            return counted(() -> keys.putAsset(tenant, asset, expectedRevision));
        }

        @Override
        public Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) {
            return timed(Part.SCAN, () -> keys.assets(tenant, query, page));
        }
    }

    private final class CountedLedger implements LedgerStore {
        private final LedgerStore ledger;

        CountedLedger(LedgerStore ledger) {
            this.ledger = ledger;
        }

        @Override
        public void appendLedger(LedgerRecord record) {
            counted(() -> {
                ledger.appendLedger(record);
                return null;
            });
        }

        @Override
        public LedgerHead ledgerHead(String tenant) {
            return ledger.ledgerHead(tenant);
        }

        @Override
        public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId,
                                         boolean includeExpired, PageRequest page) {
            return ledger.ledger(tenant, fromSequence, keyId, includeExpired, page);
        }
    }

    private final class TimedLifecycle implements StoreLifecycle {
        private final StoreLifecycle lifecycle;

        TimedLifecycle(StoreLifecycle lifecycle) {
            this.lifecycle = lifecycle;
        }

        @Override
        public <T> T inUnitOfWork(Supplier<T> work) {
            return timed(Part.APPLY, () -> lifecycle.inUnitOfWork(work));
        }

        @Override
        public Set<String> tenants() {
            return lifecycle.tenants();
        }

        @Override
        public void close() {
            lifecycle.close();
        }
    }
}
