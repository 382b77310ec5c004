package io.keyledger.core.store;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.event.Action;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.WatchedLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StorePartsTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);

    @Test
    void aReplacedPartServesItsPortAndTheStoreServesTheRest() {
        List<String> appended = new ArrayList<>();
        InventoryStore composed = StoreParts.of(store).withLedger(new WatchedLedger(store,
                record -> appended.add(record.tenant() + "#" + record.sequence()))).compose();
        KeyRef k = awsKey("k1");

        new LedgerWriter(composed, clock).append("acme", LedgerEntryType.EVENT_ACCEPTED, Optional.empty(), "{}",
                new ExpiryRules(RetentionPolicy.DEFAULT, List.of()));
        composed.putAsset("acme", asset("acme", k, LifecycleState.ACTIVE, Optional.empty()), 0);
        composed.insertEvent(stored("acme", event("e1", T0, Action.CREATE, k), Optional.empty()));

        assertThat(appended).containsExactly("acme#1");
        assertThat(store.ledgerHead("acme").sequence()).isEqualTo(1);
        assertThat(store.asset("acme", k.id())).isPresent();
        assertThat(store.eventsForKey("acme", k.id())).hasSize(1);
        assertThat(composed.tenants()).containsExactly("acme");
    }

    @Test
    void theLifecyclePartRunsUnitsOfWorkAndIsClosedWithTheComposedStore() {
        List<String> calls = new ArrayList<>();
        StoreLifecycle own = StoreLifecycle.of(store);
        InventoryStore composed = StoreParts.of(store).withLifecycle(new StoreLifecycle() {
            @Override
            public <T> T inUnitOfWork(Supplier<T> work) {
                calls.add("unit");
                return own.inUnitOfWork(work);
            }

            @Override
            public Set<String> tenants() {
                calls.add("tenants");
                return own.tenants();
            }

            @Override
            public void close() {
                calls.add("close");
            }
        }).compose();

        assertThat(composed.inUnitOfWork(() -> "done")).isEqualTo("done");
        assertThat(composed.tenants()).isEmpty();
        composed.close();

        assertThat(calls).containsExactly("unit", "tenants", "close");
    }

    @Test
    void everyPartIsRequiredAndNamedWhenMissing() {
        StoreParts parts = StoreParts.of(store);

        assertThatThrownBy(() -> parts.withKeys(null)).isInstanceOf(NullPointerException.class).hasMessage("keys");
        assertThatThrownBy(() -> parts.withRetention(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("retention");
        assertThatThrownBy(() -> parts.withLifecycle(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("lifecycle");
    }
}
