package io.keyledger.testkit.store;

import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.gcpKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.key.Responsibility;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@link KeyRecordStore} slice of the store contract: conditional writes, paging and queries of key records. */
public abstract class KeyRecordStoreContract extends StoreContractSlice {

    @Nested
    class ConditionalWrites {

        @Test
        void firstWriteExpectsRevisionZeroAndEachWriteBumpsTheRevision() {
            CryptoAsset a = asset(ACME, awsKey("k1"), LifecycleState.ACTIVE, Optional.empty());

            assertThat(store.putAsset(ACME, a, 0)).isEqualTo(1);
            assertThat(store.putAsset(ACME, a.toBuilder().state(LifecycleState.SUSPENDED).build(), 1)).isEqualTo(2);

            Versioned<CryptoAsset> read = store.asset(ACME, a.id()).orElseThrow();
            assertThat(read.revision()).isEqualTo(2);
            assertThat(read.value().state()).isEqualTo(LifecycleState.SUSPENDED);
            assertThat(read.value()).isEqualTo(a.toBuilder().state(LifecycleState.SUSPENDED).build());
        }

        @Test
        void staleRevisionIsRefusedAndChangesNothing() {
            CryptoAsset a = asset(ACME, awsKey("k1"), LifecycleState.ACTIVE, Optional.empty());
            store.putAsset(ACME, a, 0);

            assertThatThrownBy(() -> store.putAsset(ACME, a, 0)).isInstanceOf(StaleRevisionException.class);
            assertThatThrownBy(() -> store.putAsset(ACME, a.toBuilder().state(LifecycleState.DESTROYED).build(), 7))
                    .isInstanceOf(StaleRevisionException.class);
            assertThat(store.asset(ACME, a.id()).orElseThrow().value().state()).isEqualTo(LifecycleState.ACTIVE);
        }

        @Test
        void twoConcurrentWritersLoseNoUpdate() throws Exception {
            KeyRef ref = awsKey("counter");
            store.putAsset(ACME, asset(ACME, ref, LifecycleState.ACTIVE, Optional.empty()), 0);
            int perWriter = 50;
            Callable<Void> writer = () -> {
                for (int i = 0; i < perWriter; i++) {
                    incrementCounterTag(ref.id());
                }
                return null;
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Void>> done = pool.invokeAll(List.of(writer, writer));
                for (Future<Void> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            Versioned<CryptoAsset> last = store.asset(ACME, ref.id()).orElseThrow();
            assertThat(last.value().tags()).containsEntry("count", Integer.toString(2 * perWriter));
            assertThat(last.revision()).isEqualTo(1 + 2L * perWriter);
        }

        private void incrementCounterTag(String keyId) {
            while (true) {
                Versioned<CryptoAsset> current = store.asset(ACME, keyId).orElseThrow();
                Map<String, String> tags = new HashMap<>(current.value().tags());
                int count = Integer.parseInt(tags.getOrDefault("count", "0"));
                tags.put("count", Integer.toString(count + 1));
                try {
                    store.putAsset(ACME, current.value().toBuilder().tags(tags).build(), current.revision());
                    return;
                } catch (StaleRevisionException lost) {
                    // the other writer won this round: read again
                }
            }
        }

        @Test
        void whatOnlyListingsTellOfAKeyIsKept() {
            // a soft-deleted Azure key: when it was deleted, until when it is recoverable, its recovery level and window
            java.time.Instant deleted = clock.instant().minus(Duration.ofDays(3));
            CryptoAsset a = asset(ACME, io.keyledger.testkit.Fixtures.azureKey("6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b",
                    "retired"), LifecycleState.DEACTIVATED, Optional.empty()).toBuilder()
                    .dates(io.keyledger.core.key.KeyDates.NONE.withUpdatedAt(Optional.of(deleted.minus(Duration.ofDays(40))))
                            .withDestructionRequestedAt(Optional.of(deleted))
                            .withDestructionScheduledAt(Optional.of(deleted.plus(Duration.ofDays(90)))))
                    .destruction(new io.keyledger.core.key.DestructionPolicy(Optional.of(Duration.ofDays(90)),
                            Optional.of("CustomizedRecoverable+ProtectedSubscription")))
                    .access(io.keyledger.core.key.KeyAccess.NONE.withModel(Optional.of("rbac")))
                    .build();

            store.putAsset(ACME, a, 0);

            CryptoAsset read = store.asset(ACME, a.id()).orElseThrow().value();
            assertThat(read).isEqualTo(a);
            assertThat(read.dates().destructionRequestedAt()).contains(deleted);
            assertThat(read.dates().updatedAt()).contains(deleted.minus(Duration.ofDays(40)));
            assertThat(read.destruction().delay()).contains(Duration.ofDays(90));
            assertThat(read.destruction().recoveryLevel()).contains("CustomizedRecoverable+ProtectedSubscription");
            assertThat(read.access().model()).contains("rbac");
            assertThat(store.assets(ACME, AssetQuery.ALL, PageRequest.first(10)).items()).containsExactly(a);
        }

        @Test
        void anExpiredKeyRecordCountsAsAbsentForTheNextWrite() {
            KeyRef k = awsKey("k1");
            store.putAsset(ACME, asset(ACME, k, LifecycleState.DESTROYED, Optional.empty()).toBuilder()
                    .retainedUntil(Optional.of(clock.instant().plus(Duration.ofDays(1)))).build(), 0);
            clock.advance(Duration.ofDays(2));

            CryptoAsset again = asset(ACME, k, LifecycleState.ACTIVE, Optional.empty());
            assertThat(store.putAsset(ACME, again, 0)).isEqualTo(1);

            assertThat(store.asset(ACME, k.id()).orElseThrow().value()).isEqualTo(again);
        }
    }

    @Nested
    class Paging {

        @Test
        void cursorPagingVisitsEveryKeyOnceInKeyIdOrder() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                KeyRef k = awsKey(String.format("key-%02d", i));
                ids.add(k.id());
                store.putAsset(ACME, asset(ACME, k, LifecycleState.ACTIVE, Optional.empty()), 0);
            }
            List<String> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            PageRequest request = PageRequest.first(10);
            while (true) {
                Page<CryptoAsset> page = store.assets(ACME, AssetQuery.ALL, request);
                sizes.add(page.items().size());
                page.items().forEach(a -> seen.add(a.id()));
                if (page.nextCursor().isEmpty()) {
                    break;
                }
                request = request.next(page.nextCursor().get());
            }
            assertThat(sizes).containsExactly(10, 10, 5);
            assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());
        }

        @Test
        void exactlyFullLastPageHasNoNextCursor() {
            for (int i = 0; i < 4; i++) {
                store.putAsset(ACME, asset(ACME, awsKey("k" + i), LifecycleState.ACTIVE, Optional.empty()), 0);
            }
            Page<CryptoAsset> first = store.assets(ACME, AssetQuery.ALL, PageRequest.first(2));
            Page<CryptoAsset> second = store.assets(ACME, AssetQuery.ALL, PageRequest.first(2).next(first.nextCursor().orElseThrow()));

            assertThat(second.items()).hasSize(2);
            assertThat(second.nextCursor()).isEmpty();
        }
    }

    @Nested
    class Queries {

        @Test
        void filtersByStateProviderAndOwner() {
            store.putAsset(ACME, asset(ACME, awsKey("a1"), LifecycleState.ACTIVE, Optional.of("payments")), 0);
            store.putAsset(ACME, asset(ACME, awsKey("a2"), LifecycleState.SUSPENDED, Optional.of("payments")), 0);
            store.putAsset(ACME, asset(ACME, gcpKey("proj", "g1"), LifecycleState.ACTIVE, Optional.of("ml")), 0);
            store.putAsset(ACME, asset(ACME, gcpKey("proj", "g2"), LifecycleState.ACTIVE, Optional.empty()), 0);

            assertThat(ids(AssetQuery.ALL.withState(LifecycleState.ACTIVE))).hasSize(3);
            assertThat(ids(AssetQuery.ALL.withProvider(Provider.GCP))).hasSize(2);
            assertThat(ids(AssetQuery.ALL.withOwner("payments"))).hasSize(2);
            assertThat(ids(AssetQuery.ALL.withProvider(Provider.AWS).withState(LifecycleState.SUSPENDED).withOwner("payments")))
                    .containsExactly(awsKey("a2").id());
            assertThat(ids(AssetQuery.ALL.withProvider(Provider.AZURE))).isEmpty();
        }

        @Test
        void anUpdateMovesTheKeyBetweenFiltersOnlyWhenItsStateProviderOrOwnerChanges() {
            CryptoAsset a = asset(ACME, awsKey("a1"), LifecycleState.ACTIVE, Optional.of("payments"));
            store.putAsset(ACME, a, 0);
            CryptoAsset renamed = a.toBuilder().nativeState("Enabled (renamed)").build();
            assertThat(store.putAsset(ACME, renamed, 1)).isEqualTo(2);
            assertThat(ids(AssetQuery.ALL.withState(LifecycleState.ACTIVE).withOwner("payments")))
                    .containsExactly(a.id());
            assertThat(store.asset(ACME, a.id()).orElseThrow().value()).isEqualTo(renamed);

            assertThatThrownBy(() -> store.putAsset(ACME, renamed.toBuilder().nativeState("Enabled").build(), 1))
                    .isInstanceOf(StaleRevisionException.class);
            store.putAsset(ACME, renamed.toBuilder().state(LifecycleState.SUSPENDED).build(), 2);
            assertThat(ids(AssetQuery.ALL.withState(LifecycleState.ACTIVE))).isEmpty();
            assertThat(ids(AssetQuery.ALL.withState(LifecycleState.SUSPENDED))).containsExactly(a.id());

            store.putAsset(ACME, store.asset(ACME, a.id()).orElseThrow().value().toBuilder().owner(Optional.empty())
                    .build(), 3);
            assertThat(ids(AssetQuery.ALL.withOwner("payments"))).isEmpty();
            assertThat(ids(AssetQuery.ALL.withState(LifecycleState.SUSPENDED))).containsExactly(a.id());
        }

        @Test
        void filteredPagingStillVisitsEveryMatchOnce() {
            for (int i = 0; i < 12; i++) {
                LifecycleState s = i % 3 == 0 ? LifecycleState.DESTROYED : LifecycleState.ACTIVE;
                store.putAsset(ACME, asset(ACME, awsKey(String.format("k%02d", i)), s, Optional.empty()), 0);
            }
            AssetQuery active = AssetQuery.ALL.withState(LifecycleState.ACTIVE);
            List<String> seen = new ArrayList<>();
            PageRequest request = PageRequest.first(3);
            while (true) {
                Page<CryptoAsset> page = store.assets(ACME, active, request);
                page.items().forEach(a -> seen.add(a.id()));
                if (page.nextCursor().isEmpty()) {
                    break;
                }
                request = request.next(page.nextCursor().get());
            }
            assertThat(seen).hasSize(8).doesNotHaveDuplicates();
        }

        @Test
        void filtersByAccountAlgorithmAiUsageResponsibilityAndText() {
            store.putAsset(ACME, asset(ACME, awsKey("111111111111", "a1"), LifecycleState.ACTIVE, Optional.empty())
                    .toBuilder().algorithm("AES-256").tags(Map.of("app", "Checkout")).build(), 0);
            store.putAsset(ACME, asset(ACME, awsKey("222222222222", "a2"), LifecycleState.ACTIVE, Optional.empty())
                    .toBuilder().algorithm("RSA-2048").description(Optional.of("signs invoices"))
                    .usageContext(UsageContext.NONE.withService("bedrock.amazonaws.com", true))
                    .responsibility(new Responsibility(ResponsibilityParty.CUSTOMER, Optional.of("BYOK"))).build(), 0);
            store.putAsset(ACME, asset(ACME, gcpKey("proj", "g1"), LifecycleState.ACTIVE, Optional.of("ml-team"))
                    .toBuilder().algorithm("EC-P256").aliases(Set.of("checkout-signing")).build(), 0);

            assertThat(ids(AssetQuery.ALL.withAccount("222222222222"))).containsExactly(awsKey("222222222222", "a2").id());
            assertThat(ids(AssetQuery.ALL.withAlgorithm("rsa-2048"))).containsExactly(awsKey("222222222222", "a2").id());
            assertThat(ids(AssetQuery.ALL.withAiUsage(true))).containsExactly(awsKey("222222222222", "a2").id());
            assertThat(ids(AssetQuery.ALL.withAiUsage(false))).hasSize(2);
            assertThat(ids(AssetQuery.ALL.withResponsibility(ResponsibilityParty.CUSTOMER)))
                    .containsExactly(awsKey("222222222222", "a2").id());
            assertThat(ids(AssetQuery.ALL.withText("CHECKOUT")))
                    .containsExactlyInAnyOrder(awsKey("111111111111", "a1").id(), gcpKey("proj", "g1").id());
            assertThat(ids(AssetQuery.ALL.withText("invoices"))).containsExactly(awsKey("222222222222", "a2").id());
            assertThat(ids(AssetQuery.ALL.withText("ml-"))).containsExactly(gcpKey("proj", "g1").id());
            assertThat(ids(AssetQuery.ALL.withProvider(Provider.AWS).withText("checkout")))
                    .containsExactly(awsKey("111111111111", "a1").id());
        }

        @Test
        void pagesAreFullWhenOnlyAFewRecordsMatch() {
            for (int i = 0; i < 1200; i++) {
                CryptoAsset a = asset(ACME, awsKey(String.format("k%04d", i)), LifecycleState.ACTIVE, Optional.empty());
                store.putAsset(ACME, i % 100 == 7 ? a.toBuilder().algorithm("ML-DSA-65").build() : a, 0);
            }
            AssetQuery pqc = AssetQuery.ALL.withAlgorithm("ML-DSA-65");
            Page<CryptoAsset> first = store.assets(ACME, pqc, PageRequest.first(5));
            Page<CryptoAsset> second = store.assets(ACME, pqc, PageRequest.first(5).next(first.nextCursor().orElseThrow()));

            assertThat(first.items()).hasSize(5);
            assertThat(second.items()).hasSize(5);
            assertThat(second.items().get(0).id()).isEqualTo(awsKey("k0507").id());
            assertThat(store.assets(ACME, pqc, PageRequest.first(5).next(second.nextCursor().orElseThrow())).items())
                    .hasSize(2);
        }

        private List<String> ids(AssetQuery q) {
            return store.assets(ACME, q, PageRequest.first(100)).items().stream().map(CryptoAsset::id).toList();
        }
    }
}
