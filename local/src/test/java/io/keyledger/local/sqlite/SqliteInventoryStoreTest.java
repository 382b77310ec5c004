package io.keyledger.local.sqlite;

import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InventoryStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteInventoryStoreTest extends InventoryStoreContract {

    @TempDir
    Path dir;

    @Override
    protected InventoryStore createStore(MutableClock clock) {
        return SqliteInventoryStore.open(dir.resolve("keyledger.db"), clock);
    }
}
