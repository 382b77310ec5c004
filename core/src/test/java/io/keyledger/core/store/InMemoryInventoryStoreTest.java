package io.keyledger.core.store;

import io.keyledger.core.testing.MutableClock;

class InMemoryInventoryStoreTest extends InventoryStoreContract {

    @Override
    protected InventoryStore createStore(MutableClock clock) {
        return new InMemoryInventoryStore(clock);
    }
}
