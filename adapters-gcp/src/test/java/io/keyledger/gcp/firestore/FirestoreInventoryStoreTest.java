package io.keyledger.gcp.firestore;

import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InventoryStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract against the Firestore emulator: one emulator for the class, a new root collection per test. */
class FirestoreInventoryStoreTest extends InventoryStoreContract {

    @RegisterExtension
    static final LocalFirestore firestore = LocalFirestore.perClass();

    @Override
    protected InventoryStore createStore(MutableClock clock) {
        return firestore.newStore(clock);
    }
}
