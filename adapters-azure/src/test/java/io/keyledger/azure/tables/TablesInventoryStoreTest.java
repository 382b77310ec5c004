package io.keyledger.azure.tables;

import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InventoryStoreContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract against Azurite: one emulator for the class, new tables per test, in both retention modes. */
class TablesInventoryStoreTest {

    @RegisterExtension
    static final LocalTables tables = LocalTables.perClass();

    @Nested
    class OnStorageTables extends InventoryStoreContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return TablesInventoryStore.builder(tables.client(), tables.newTables()).clock(clock)
                    .retention(TablesRetention.STORAGE_PURGE).build();
        }
    }

    @Nested
    class WithCosmosTimeToLive extends InventoryStoreContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return TablesInventoryStore.builder(tables.client(), tables.newTables()).clock(clock)
                    .retention(TablesRetention.COSMOS_TTL).build();
        }
    }
}
