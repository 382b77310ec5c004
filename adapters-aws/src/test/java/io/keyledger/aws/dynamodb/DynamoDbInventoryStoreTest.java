package io.keyledger.aws.dynamodb;

import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InventoryStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract against dynalite: one emulator for the class, a new table per test. */
class DynamoDbInventoryStoreTest extends InventoryStoreContract {

    @RegisterExtension
    static final LocalDynamo dynamo = LocalDynamo.perClass();

    @Override
    protected InventoryStore createStore(MutableClock clock) {
        return DynamoDbInventoryStore.create(dynamo.client(), dynamo.newTable(), clock);
    }
}
