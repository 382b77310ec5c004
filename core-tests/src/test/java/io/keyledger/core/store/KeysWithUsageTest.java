package io.keyledger.core.store;

import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.awsKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.ProtectedResources;
import io.keyledger.core.key.UsageContext;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeysWithUsageTest {

    private static final String ACME = "acme";
    private static final Instant HOUR = Instant.parse("2026-03-02T14:00:00Z");

    private final InMemoryInventoryStore store = new InMemoryInventoryStore(new MutableClock(HOUR));
    private final KeysWithUsage keys = new KeysWithUsage(store);
    private final KeyRef used = awsKey("used");
    private final KeyRef idle = awsKey("idle");
    private final UsageContext rollup = UsageContext.NONE.withService("s3.amazonaws.com", false)
            .withUse(HOUR, Optional.of("arn:aws:iam::111122223333:role/app"), Optional.of("Decrypt"))
            .withProtected(ProtectedResources.of(List.of("arn:aws:s3:::payments")));

    @Test
    void aKeyIsPresentedWithWhatItsRollupKeepsAndTheRecordDoesNot() {
        store.putAsset(ACME, asset(ACME, used, LifecycleState.ACTIVE, Optional.empty()), 0);
        store.mergeUsage(ACME, used.id(), rollup);

        UsageContext presented = keys.key(ACME, used.id()).orElseThrow().usageContext();

        assertThat(store.asset(ACME, used.id()).orElseThrow().value().usageContext()).isEqualTo(UsageContext.NONE);
        assertThat(presented.lastUsedAt()).contains(HOUR);
        assertThat(presented.lastUsedBy()).contains("arn:aws:iam::111122223333:role/app");
        assertThat(presented.lastOperation()).contains("Decrypt");
        assertThat(presented.protects().names()).containsExactly("arn:aws:s3:::payments");
    }

    @Test
    void aPageMergesEachKeysOwnRollupAndLeavesKeysWithoutOneAsStored() {
        CryptoAsset idleRecord = asset(ACME, idle, LifecycleState.ACTIVE, Optional.empty());
        store.putAsset(ACME, asset(ACME, used, LifecycleState.ACTIVE, Optional.empty()), 0);
        store.putAsset(ACME, idleRecord, 0);
        store.mergeUsage(ACME, used.id(), rollup);
        store.mergeUsage("beta", idle.id(), rollup);

        Map<String, CryptoAsset> page = new java.util.HashMap<>();
        keys.keys(ACME, AssetQuery.ALL, PageRequest.first(10)).items().forEach(k -> page.put(k.id(), k));

        assertThat(page.get(used.id()).usageContext().protects().names()).containsExactly("arn:aws:s3:::payments");
        assertThat(page.get(idle.id())).isEqualTo(idleRecord);
        assertThat(page.get(idle.id()).usageContext().protects().isEmpty()).isTrue();
    }

    @Test
    void theSameRecordAndRollupAreHandedOutAsTheSameKeySoThatRenderingsAreFoundAgain() {
        store.putAsset(ACME, asset(ACME, used, LifecycleState.ACTIVE, Optional.empty()), 0);
        store.mergeUsage(ACME, used.id(), rollup);

        CryptoAsset first = onlyKey();
        CryptoAsset again = onlyKey();
        store.mergeUsage(ACME, used.id(), UsageContext.NONE.withService("ebs.amazonaws.com", false));
        CryptoAsset afterAUse = onlyKey();

        assertThat(again).isSameAs(first);
        assertThat(afterAUse).isNotSameAs(first);
        assertThat(afterAUse.usageContext().services()).containsExactly("ebs.amazonaws.com", "s3.amazonaws.com");
    }

    private CryptoAsset onlyKey() {
        List<CryptoAsset> page = keys.keys(ACME, AssetQuery.ALL, PageRequest.first(10)).items();
        assertThat(page).hasSize(1);
        return page.get(0);
    }
}
