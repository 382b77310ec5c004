package io.keyledger.testkit.store;

import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.MutableClock;
import org.junit.jupiter.api.Nested;

/**
 * The one contract every {@link InventoryStore} passes. A store's test extends this class and creates a
 * fresh, empty store on the clock it is given; this class runs every port's slice of the contract, and the
 * ones across ports, each as a nested group on stores made by that one factory.
 */
public abstract class InventoryStoreContract {

    /** A fresh, empty store whose reads see time through {@code clock}. */
    protected abstract InventoryStore createStore(MutableClock clock);

    @Nested
    class KeyRecords extends KeyRecordStoreContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return InventoryStoreContract.this.createStore(clock);
        }
    }

    @Nested
    class KeyStores extends KeyStoreRecordStoreContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return InventoryStoreContract.this.createStore(clock);
        }
    }

    @Nested
    class Usage extends UsageStoreContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return InventoryStoreContract.this.createStore(clock);
        }
    }

    @Nested
    class Events extends EventStoreContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return InventoryStoreContract.this.createStore(clock);
        }
    }

    @Nested
    class Ledger extends LedgerStoreContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return InventoryStoreContract.this.createStore(clock);
        }
    }

    @Nested
    class Alerts extends AlertStoreContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return InventoryStoreContract.this.createStore(clock);
        }
    }

    @Nested
    class SweepReports extends SweepReportStoreContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return InventoryStoreContract.this.createStore(clock);
        }
    }

    @Nested
    class Retention extends RetentionStoreContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return InventoryStoreContract.this.createStore(clock);
        }
    }

    @Nested
    class TenantIsolation extends TenantIsolationContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return InventoryStoreContract.this.createStore(clock);
        }
    }

    @Nested
    class UnitOfWork extends UnitOfWorkContract {
        @Override
        protected InventoryStore createStore(MutableClock clock) {
            return InventoryStoreContract.this.createStore(clock);
        }
    }
}
