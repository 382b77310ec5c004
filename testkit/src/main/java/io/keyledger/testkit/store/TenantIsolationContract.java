package io.keyledger.testkit.store;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import java.time.Period;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store contract across every port: no call reads or changes another tenant's data. */
public abstract class TenantIsolationContract extends StoreContractSlice {

    @Test
    void noReadSeesAnotherTenantsData() {
        KeyRef k = awsKey("shared-id");
        store.putAsset(ACME, asset(ACME, k, LifecycleState.ACTIVE, Optional.of("alice")), 0);
        store.insertEvent(stored(ACME, event("e1", T0, Action.CREATE, k), Optional.empty()));
        appendLink(ACME, Optional.of(k.id()), Optional.empty());
        store.putLegalHold(new LegalHold(ACME, Optional.empty(), "litigation", "admin", T0));
        store.putRetentionPolicy(ACME, new RetentionPolicy(Period.ofYears(1), Period.ofYears(2), Period.ofYears(3)));

        assertThat(store.asset(BETA, k.id())).isEmpty();
        assertThat(store.assets(BETA, AssetQuery.ALL, PageRequest.first(100)).items()).isEmpty();
        assertThat(store.eventsForKey(BETA, k.id())).isEmpty();
        assertThat(store.ledger(BETA, 1, Optional.empty(), true, PageRequest.first(100)).items()).isEmpty();
        assertThat(store.ledgerHead(BETA)).isEqualTo(LedgerHead.EMPTY);
        assertThat(store.legalHolds(BETA)).isEmpty();
        assertThat(store.retentionPolicy(BETA)).isEqualTo(RetentionPolicy.DEFAULT);
    }

    @Test
    void sameIdsInTwoTenantsAreIndependent() {
        KeyRef k = awsKey("shared-id");
        var e = event("e1", T0, Action.CREATE, k);
        store.putAsset(ACME, asset(ACME, k, LifecycleState.ACTIVE, Optional.empty()), 0);
        store.putAsset(BETA, asset(BETA, k, LifecycleState.DESTROYED, Optional.empty()), 0);

        assertThat(store.insertEvent(stored(ACME, e, Optional.empty()))).isTrue();
        assertThat(store.insertEvent(stored(BETA, e, Optional.empty()))).isTrue();
        assertThat(store.asset(ACME, k.id()).orElseThrow().value().state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(store.asset(BETA, k.id()).orElseThrow().value().state()).isEqualTo(LifecycleState.DESTROYED);
        assertThat(store.tenants()).containsExactlyInAnyOrder(ACME, BETA);
    }

    @Test
    void writesCannotReachAnotherTenant() {
        KeyRef k = awsKey("k1");
        CryptoAsset acmeAsset = asset(ACME, k, LifecycleState.ACTIVE, Optional.empty());

        assertThatThrownBy(() -> store.putAsset(BETA, acmeAsset, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.asset(BETA, k.id())).isEmpty();

        store.putLegalHold(new LegalHold(ACME, Optional.empty(), "litigation", "admin", T0));
        assertThat(store.removeLegalHold(BETA, Optional.empty())).isFalse();
        assertThat(store.legalHolds(ACME)).hasSize(1);

        appendLink(ACME, Optional.empty(), Optional.of(T0));
        assertThat(store.purgeExpired(BETA, clock.instant().plus(java.time.Duration.ofDays(2)), oneDay())).isEqualTo(PurgeResult.NOTHING);
        assertThat(store.ledger(ACME, 1, Optional.empty(), true, PageRequest.first(10)).items()).hasSize(1);
    }
}
