package io.keyledger.core.store;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a store does as a whole rather than per feature: units of work, the tenants it holds, closing.
 * The part of a {@link StoreParts} composition that is not a feature port; the calls mean what
 * {@link InventoryStore}'s do.
 */
public interface StoreLifecycle {

    /** See {@link InventoryStore#inUnitOfWork}. */
    <T> T inUnitOfWork(Supplier<T> work);

    /** Every tenant that has data in the store. */
    Set<String> tenants();

    /** Closes the store. */
    void close();

    /**
     * The lifecycle of a store on a remote database whose client the caller keeps: no unit of work (each call
     * keeps its own semantics), the tenants from {@code tenants}, and nothing to close.
     */
    static StoreLifecycle withoutUnitOfWork(Supplier<Set<String>> tenants) {
        Objects.requireNonNull(tenants, "tenants");
        return new StoreLifecycle() {
            @Override
            public <T> T inUnitOfWork(Supplier<T> work) {
                return work.get();
            }

            @Override
            public Set<String> tenants() {
                return tenants.get();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The lifecycle of {@code store} itself. */
    static StoreLifecycle of(InventoryStore store) {
        Objects.requireNonNull(store, "store");
        return new StoreLifecycle() {
            @Override
            public <T> T inUnitOfWork(Supplier<T> work) {
                return store.inUnitOfWork(work);
            }

            @Override
            public Set<String> tenants() {
                return store.tenants();
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
