package io.keyledger.testkit.store;

import io.keyledger.core.store.ComposedStore;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoreLifecycle;
import io.keyledger.core.store.StoreParts;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An {@link InventoryStore} in memory: for tests, demos and benchmarks. Thread-safe (one lock). Each feature
 * port is a part of its own ({@code InMemoryKeyRecords}, {@code InMemoryEvents}, ...), all on the same
 * {@link InMemoryTenants}; this class composes them.
 */
public final class InMemoryInventoryStore extends ComposedStore {

    public InMemoryInventoryStore(Clock clock) {
        super(parts(new InMemoryTenants(clock)));
    }

    private static StoreParts parts(InMemoryTenants tenants) {
        return new StoreParts(new InMemoryKeyRecords(tenants), new InMemoryKeyStores(tenants), new InMemoryUsage(tenants), new InMemoryEvents(tenants),
                new InMemoryLedger(tenants), new InMemoryAlerts(tenants), new InMemorySweepReports(tenants),
                new InMemoryRetention(tenants), new Lifecycle(tenants));
    }

    /** No unit of work beyond each call's own lock, the tenants with data, nothing to close. */
    private record Lifecycle(InMemoryTenants data) implements StoreLifecycle {

        @Override
        public <T> T inUnitOfWork(Supplier<T> work) {
            return work.get();
        }

        @Override
        public Set<String> tenants() {
            return data.names();
        }

        @Override
        public void close() {
        }
    }
}
