package io.keyledger.testkit.store;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.EventStore;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.KeyRecordStore;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Puts a store's write ports (events, ledger, key records) behind a fault injector that, at a seeded rate,
 * plays what cloud stores do under load: a throttled call (refused before writing), a timeout after the
 * write went through (the caller cannot tell: a partial write), and a conditional-check race (another
 * writer moved the record's revision). Reads pass through. Each port is replaced on its own through
 * {@link StoreParts}, so the store under test keeps its own behaviour for everything else.
 */
public final class StoreFaults {

    public enum Kind { THROTTLED, TIMEOUT_AFTER_WRITE, CONDITIONAL_RACE }

    /** What a store client sees when a call is throttled or times out: the caller retries or redelivers. */
    public static final class InjectedFault extends RuntimeException {
        public final Kind kind;

        InjectedFault(Kind kind, String operation) {
            super("injected " + kind + " on " + operation, null, false, false);
            this.kind = kind;
        }
    }

    private final Random random;
    private final double rate;
    private final Map<Kind, Long> injected = new EnumMap<>(Kind.class);
    private volatile boolean enabled = true;

    public StoreFaults(long seed, double rate) {
        this.random = new Random(seed);
        this.rate = rate;
    }

    /** Faults stop: for reading the final state. */
    public void disable() {
        enabled = false;
    }

    public synchronized Map<Kind, Long> injected() {
        return Map.copyOf(injected);
    }

    public synchronized long total() {
        return injected.values().stream().mapToLong(Long::longValue).sum();
    }

    private synchronized Optional<Kind> roll(List<Kind> possible) {
        if (!enabled || random.nextDouble() >= rate) {
            return Optional.empty();
        }
        Kind k = possible.get(random.nextInt(possible.size()));
        injected.merge(k, 1L, Long::sum);
        return Optional.of(k);
    }

    private <T> T write(String operation, List<Kind> possible, Supplier<T> write) {
        Optional<Kind> fault = roll(possible);
        if (fault.isEmpty()) {
            return write.get();
        }
        switch (fault.get()) {
            case THROTTLED -> throw new InjectedFault(Kind.THROTTLED, operation);
            case CONDITIONAL_RACE -> throw new StaleRevisionException("injected conditional-check race on " + operation);
            default -> {
                write.get();
                throw new InjectedFault(Kind.TIMEOUT_AFTER_WRITE, operation);
            }
        }
    }

    /** The store with its events, ledger and key records behind this injector. */
    public InventoryStore around(InventoryStore store) {
        List<Kind> plain = List.of(Kind.THROTTLED, Kind.TIMEOUT_AFTER_WRITE);
        List<Kind> conditional = List.of(Kind.THROTTLED, Kind.TIMEOUT_AFTER_WRITE, Kind.CONDITIONAL_RACE);
        EventStore events = new EventStore() {
            @Override
            public boolean insertEvent(StoredEvent event) {
                return write("insertEvent", plain, () -> store.insertEvent(event));
            }

            @Override
            public List<StoredEvent> eventsForKey(String tenant, String keyId) {
                return store.eventsForKey(tenant, keyId);
            }

            @Override
            public List<StoredEvent> eventsToFold(String tenant, String keyId) {
                return store.eventsToFold(tenant, keyId);
            }

            @Override
            public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
                return store.recentEvents(tenant, from, to);
            }
        };
        LedgerStore ledger = new LedgerStore() {
            @Override
            public void appendLedger(LedgerRecord record) {
                write("appendLedger", plain, () -> {
                    store.appendLedger(record);
                    return null;
                });
            }

            @Override
            public LedgerHead ledgerHead(String tenant) {
                return store.ledgerHead(tenant);
            }

            @Override
            public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId,
                                             boolean includeExpired, PageRequest page) {
                return store.ledger(tenant, fromSequence, keyId, includeExpired, page);
            }
        };
        KeyRecordStore keys = new KeyRecordStore() {
            @Override
            public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
                return store.asset(tenant, keyId);
            }

            @Override
            public long putAsset(String tenant, CryptoAsset asset, long expectedRevision) {
                return write("putAsset", conditional, () -> store.putAsset(tenant, asset, expectedRevision));
            }

            @Override
            public Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) {
                return store.assets(tenant, query, page);
            }
        };
        return StoreParts.of(store).withEvents(events).withLedger(ledger).withKeys(keys).compose();
    }
}
