package io.keyledger.azure.functions;

import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoreLifecycle;
import io.keyledger.core.store.StoreParts;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells a store failure from a bad record while a message is ingested. The ingester fails a message for
 * either, which a queue wants (the message comes back); an Event Hub batch wants the two apart: a bad
 * record is reported and passed, but a store failure must fail the invocation, so that the checkpoint
 * does not move past records that were not applied. Every batch of events is applied in one unit of
 * work of the store, inside which bad events are rejected one by one: what escapes a unit of work is
 * the store's failure. This watches the units of work of the calling thread (one invocation).
 */
final class StoreFailures {

    private final ThreadLocal<RuntimeException> last = new ThreadLocal<>();
    private final InventoryStore watched;

    private StoreFailures(InventoryStore store) {
        StoreLifecycle lifecycle = StoreLifecycle.of(store);
        this.watched = StoreParts.of(store).withLifecycle(new StoreLifecycle() {
            @Override
            public <T> T inUnitOfWork(Supplier<T> work) {
                try {
                    return lifecycle.inUnitOfWork(work);
                } catch (RuntimeException e) {
                    last.set(e);
                    throw e;
                }
            }

            @Override
            public Set<String> tenants() {
                return lifecycle.tenants();
            }

            @Override
            public void close() {
                lifecycle.close();
            }
        }).compose();
    }

    static StoreFailures watching(InventoryStore store) {
        return new StoreFailures(store);
    }

    /** The store to build the core services on: {@code store} itself, its units of work watched. */
    InventoryStore store() {
        return watched;
    }

    /** Forgets what this thread saw, before a message is ingested. */
    void clear() {
        last.remove();
    }

    /** The failure that escaped a unit of work on this thread since {@link #clear()}, and forgets it. */
    Optional<RuntimeException> take() {
        RuntimeException e = last.get();
        last.remove();
        return Optional.ofNullable(e);
    }
}
