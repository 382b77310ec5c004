package io.keyledger.bench.scale;

import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StaleRevisionException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

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
 */
final class StoreTimer implements InvocationHandler {

    /** What a store call is part of. */
    enum Part { LOOKUP, SCAN, APPLY, OTHER }

    private final InventoryStore delegate;
    private final InventoryStore timed;
    private final Map<Part, LongAdder> nanos = new EnumMap<>(Part.class);
    /** Whether the thread is inside a unit of work, whose nested store calls count towards APPLY only. */
    private final ThreadLocal<Boolean> applying = ThreadLocal.withInitial(() -> false);
    private final LongAdder conflicts = new LongAdder();

    StoreTimer(InventoryStore delegate) {
        this.delegate = delegate;
        this.timed = (InventoryStore) Proxy.newProxyInstance(InventoryStore.class.getClassLoader(),
                new Class<?>[] {InventoryStore.class}, this);
        for (Part p : Part.values()) {
            nanos.put(p, new LongAdder());
        }
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

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (applying.get()) {
            return forward(method, args);
        }
        Part part = partOf(method.getName());
        long start = System.nanoTime();
        applying.set(part == Part.APPLY);
        try {
            return forward(method, args);
        } finally {
            applying.set(false);
            nanos.get(part).add(System.nanoTime() - start);
        }
    }

    private Object forward(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof LedgerConflictException || e.getCause() instanceof StaleRevisionException) {
                conflicts.increment();
            }
            throw e.getCause();
        }
    }

    private static Part partOf(String method) {
        return switch (method) {
            case "asset" -> Part.LOOKUP;
            case "assets" -> Part.SCAN;
            case "inUnitOfWork" -> Part.APPLY;
            default -> Part.OTHER;
        };
    }
}
