package io.keyledger.testkit.store;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store contract of {@link InventoryStore#inUnitOfWork}: calls inside a unit of work keep their own semantics. */
public abstract class UnitOfWorkContract extends StoreContractSlice {

    @Test
    void callsInAUnitOfWorkKeepTheirOwnSemantics() {
        KeyRef k = awsKey("k1");
        CryptoAsset a = asset(ACME, k, LifecycleState.ACTIVE, Optional.empty());

        String outcome = store.inUnitOfWork(() -> {
            store.putAsset(ACME, a, 0);
            try {
                store.putAsset(ACME, a.toBuilder().state(LifecycleState.DESTROYED).build(), 0);
                return "stale write accepted";
            } catch (StaleRevisionException expected) {
                // the failed call is undone alone; the unit goes on
            }
            assertThat(store.insertEvent(stored(ACME, event("e1", T0, Action.CREATE, k), Optional.empty()))).isTrue();
            appendLink(ACME, Optional.of(k.id()), Optional.empty());
            return "done";
        });

        assertThat(outcome).isEqualTo("done");
        assertThat(store.asset(ACME, k.id()).orElseThrow()).isEqualTo(new Versioned<>(a, 1));
        assertThat(store.eventsForKey(ACME, k.id())).hasSize(1);
        assertThat(store.ledgerHead(ACME).sequence()).isEqualTo(1);
    }
}
