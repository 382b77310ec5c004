package io.keyledger.testkit.store;

import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.awsKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyDates;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.UsageContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link UsageStore} slice of the store contract: usage rollups. */
public abstract class UsageStoreContract extends StoreContractSlice {

    private final UsageContext s3 = UsageContext.NONE.withService("s3.amazonaws.com", false)
            .withUse(Instant.parse("2026-02-01T10:00:00Z"), Optional.of("arn:aws:iam::111122223333:role/app"));

    private final UsageContext bedrock = UsageContext.NONE.withService("bedrock.amazonaws.com", true)
            .withCategories(java.util.Set.of(io.keyledger.core.key.AiUsageCategory.INFERENCE_LOGS))
            .withUse(Instant.parse("2026-02-01T11:00:00Z"), Optional.of("arn:aws:iam::111122223333:role/ai"));

    @Test
    void rollupsMergeInAnyOrderAndAnyNumberOfTimes() {
        store.mergeUsage(ACME, "aws:k1", bedrock);
        store.mergeUsage(ACME, "aws:k1", s3);
        UsageContext merged = store.mergeUsage(ACME, "aws:k1", s3);

        assertThat(merged).isEqualTo(s3.merge(bedrock));
        assertThat(store.usage(ACME, "aws:k1")).contains(s3.merge(bedrock));
        assertThat(merged.lastUsedBy()).contains("arn:aws:iam::111122223333:role/ai");
        assertThat(merged.aiUsage()).isTrue();
    }

    @Test
    void rollupsKeepTheFirstUseTheLastOperationAndTheProtectedResources() {
        UsageContext protecting = UsageContext.NONE
                .withUse(Instant.parse("2026-01-01T08:00:00Z"), Optional.empty(), Optional.of("GenerateDataKey"))
                .withProtected(io.keyledger.core.key.ProtectedResources.of(java.util.List.of("arn:aws:s3:::payments",
                        "arn:aws:rds:us-east-1:111122223333:db:ledger")));
        store.mergeUsage(ACME, "aws:k1", protecting);
        UsageContext merged = store.mergeUsage(ACME, "aws:k1", s3);

        assertThat(merged).isEqualTo(protecting.merge(s3));
        assertThat(store.usage(ACME, "aws:k1")).contains(protecting.merge(s3));
        assertThat(merged.firstUsedAt()).contains(Instant.parse("2026-01-01T08:00:00Z"));
        assertThat(merged.protects().names()).containsExactly("arn:aws:rds:us-east-1:111122223333:db:ledger",
                "arn:aws:s3:::payments");
    }

    @Test
    void aMergeSaysWhatTheRollupWasBefore() {
        io.keyledger.core.store.UsageStore.Merge first = store.mergeUsageWithBefore(ACME, "aws:k1", s3);
        io.keyledger.core.store.UsageStore.Merge second = store.mergeUsageWithBefore(ACME, "aws:k1", bedrock);
        io.keyledger.core.store.UsageStore.Merge again = store.mergeUsageWithBefore(ACME, "aws:k1", s3);

        assertThat(first).isEqualTo(new io.keyledger.core.store.UsageStore.Merge(UsageContext.NONE, s3));
        assertThat(second).isEqualTo(new io.keyledger.core.store.UsageStore.Merge(s3, s3.merge(bedrock)));
        assertThat(again).isEqualTo(new io.keyledger.core.store.UsageStore.Merge(s3.merge(bedrock), s3.merge(bedrock)));
        assertThat(store.usage(ACME, "aws:k1")).contains(s3.merge(bedrock));
        assertThat(store.mergeUsageWithBefore(BETA, "aws:k1", bedrock).before()).isEqualTo(UsageContext.NONE);
    }

    @Test
    void rollupsAreKeptPerTenantAndKey() {
        store.mergeUsage(ACME, "aws:k1", s3);

        assertThat(store.usage(BETA, "aws:k1")).isEmpty();
        assertThat(store.usage(ACME, "aws:k2")).isEmpty();
    }

    @Test
    void aPageOfKeysHasItsRollupsReadAtOnce() {
        store.mergeUsage(ACME, "aws:k1", s3);
        store.mergeUsage(ACME, "aws:k3", bedrock);
        store.mergeUsage(BETA, "aws:k2", s3);
        java.util.List<String> page = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            page.add("aws:k" + i);
        }

        assertThat(store.usages(ACME, page)).containsOnly(java.util.Map.entry("aws:k1", s3),
                java.util.Map.entry("aws:k3", bedrock));
        assertThat(store.usages(BETA, java.util.List.of("aws:k1", "aws:k2"))).containsOnlyKeys("aws:k2");
        assertThat(store.usages(ACME, java.util.List.of())).isEmpty();
    }

    @Test
    void aPageOfKeyRecordsComesWithEachKeysOwnRollup() {
        for (String id : java.util.List.of("k1", "k2", "k3", "k4")) {
            LifecycleState state = id.equals("k3") ? LifecycleState.SUSPENDED : LifecycleState.ACTIVE;
            store.putAsset(ACME, asset(ACME, awsKey(id), state, Optional.empty()), 0);
        }
        store.mergeUsage(ACME, awsKey("k1").id(), s3);
        store.mergeUsage(ACME, awsKey("k4").id(), bedrock);
        store.mergeUsage(BETA, awsKey("k2").id(), s3);
        io.keyledger.core.store.AssetQuery active = io.keyledger.core.store.AssetQuery.ALL
                .withState(LifecycleState.ACTIVE);

        var first = store.assetsWithUsage(ACME, active, io.keyledger.core.store.PageRequest.first(2));
        var second = store.assetsWithUsage(ACME, active,
                io.keyledger.core.store.PageRequest.first(2).next(first.nextCursor().orElseThrow()));

        assertThat(first.items()).extracting(k -> k.record().id(), io.keyledger.core.store.KeyWithUsage::usage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(awsKey("k1").id(), Optional.of(s3)),
                        org.assertj.core.groups.Tuple.tuple(awsKey("k2").id(), Optional.empty()));
        assertThat(second.items()).extracting(k -> k.record().id(), io.keyledger.core.store.KeyWithUsage::usage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(awsKey("k4").id(), Optional.of(bedrock)));
        assertThat(second.nextCursor()).isEmpty();
    }

    @Test
    void aPurgedKeyRecordTakesItsRollupWithIt() {
        KeyRef k = awsKey("k1");
        CryptoAsset destroyed = asset(ACME, k, LifecycleState.DESTROYED, Optional.empty()).toBuilder()
                .dates(KeyDates.NONE.withDestroyedAt(Optional.of(clock.instant()))).build();
        store.putAsset(ACME, destroyed.toBuilder().retainedUntil(oneDay().forAsset(destroyed)).build(), 0);
        store.mergeUsage(ACME, k.id(), s3);
        clock.advance(Duration.ofDays(2));

        store.purgeExpired(ACME, clock.instant(), oneDay());

        assertThat(store.usage(ACME, k.id())).isEmpty();
    }
}
