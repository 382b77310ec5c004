package io.keyledger.gcp.firestore;

import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InventoryStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against the Firestore emulator: one emulator for the class, a new root collection per test. */
class FirestoreInventoryStoreTest extends InventoryStoreContract {

    private static LocalFirestore firestore;

    @BeforeAll
    static void startEmulator() {
        firestore = LocalFirestore.start();
    }

    @AfterAll
    static void stopEmulator() {
        firestore.close();
    }

    @Override
    protected InventoryStore createStore(MutableClock clock) {
        return firestore.newStore(clock);
    }
}
