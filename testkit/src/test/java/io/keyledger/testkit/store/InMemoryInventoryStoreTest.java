package io.keyledger.testkit.store;

import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.MutableClock;

class InMemoryInventoryStoreTest extends InventoryStoreContract {

    @Override
    protected InventoryStore createStore(MutableClock clock) {
        return new InMemoryInventoryStore(clock);
    }
}
