package io.keyledger.core.store;

import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.InventoryStoreContract;

/** A store taken apart and composed again, every part its own, passes the whole contract. */
class ComposedStoreTest extends InventoryStoreContract {

    @Override
    protected InventoryStore createStore(MutableClock clock) {
        return StoreParts.of(new InMemoryInventoryStore(clock)).compose();
    }
}
