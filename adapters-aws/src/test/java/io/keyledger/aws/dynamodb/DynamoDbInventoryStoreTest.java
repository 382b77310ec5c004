package io.keyledger.aws.dynamodb;

import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InventoryStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against dynalite: one emulator for the class, a new table per test. */
class DynamoDbInventoryStoreTest extends InventoryStoreContract {

    private static LocalDynamo dynamo;

    @BeforeAll
    static void startDynalite() {
        dynamo = LocalDynamo.start();
    }

    @AfterAll
    static void stopDynalite() {
        dynamo.close();
    }

    @Override
    protected InventoryStore createStore(MutableClock clock) {
        return DynamoDbInventoryStore.create(dynamo.client(), dynamo.newTable(), clock);
    }
}
