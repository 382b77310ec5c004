package io.keyledger.core.store;

import static io.keyledger.core.testing.Fixtures.T0;
import static io.keyledger.core.testing.Fixtures.asset;
import static io.keyledger.core.testing.Fixtures.awsKey;
import static io.keyledger.core.testing.Fixtures.event;
import static io.keyledger.core.testing.Fixtures.gcpKey;
import static io.keyledger.core.testing.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.alert.Rule;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.key.Responsibility;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.SweptKey;
import io.keyledger.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The one contract every {@link InventoryStore} passes. A store's test extends this class and
 * creates a fresh, empty store on the clock it is given.
 */
public abstract class InventoryStoreContract {

    protected static final String ACME = "acme";
    protected static final String BETA = "beta";

    protected MutableClock clock;
    protected InventoryStore store;

    /** A fresh, empty store whose reads see time through {@code clock}. */
    protected abstract InventoryStore createStore(MutableClock clock);

    @BeforeEach
    void openStore() {
        clock = MutableClock.at("2026-03-01T00:00:00Z");
        store = createStore(clock);
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    private static LedgerRecord link(String tenant, LedgerHead head, Optional<String> keyId, Instant at,
                                     Optional<Instant> expiresAt) {
        return LedgerRecord.chain(tenant, head.sequence() + 1, at, LedgerEntryType.EVENT_ACCEPTED, keyId,
                "{\"n\":" + (head.sequence() + 1) + "}", head.hash(), expiresAt);
    }

    private LedgerRecord appendLink(String tenant, Optional<String> keyId, Optional<Instant> expiresAt) {
        LedgerRecord r = link(tenant, store.ledgerHead(tenant), keyId, clock.instant(), expiresAt);
        store.appendLedger(r);
        return r;
    }

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
    }

    @Nested
    class Events {

        @Test
        void insertIsIdempotentByProviderAndEventId() {
            var e = event("evt-1", T0, Action.CREATE, awsKey("k1"));

            assertThat(store.insertEvent(stored(ACME, e, Optional.empty()))).isTrue();
            assertThat(store.insertEvent(stored(ACME, e, Optional.empty()))).isFalse();

            assertThat(store.eventsForKey(ACME, e.key().id())).hasSize(1);
        }

        @Test
        void sameEventIdOfAnotherProviderIsAnotherEvent() {
            var aws = event("evt-1", T0, Action.CREATE, awsKey("k1"));
            var gcp = event("evt-1", T0, Action.CREATE, gcpKey("proj", "k1"));

            assertThat(store.insertEvent(stored(ACME, aws, Optional.empty()))).isTrue();
            assertThat(store.insertEvent(stored(ACME, gcp, Optional.empty()))).isTrue();
        }

        @Test
        void eventsComeInEventTimeOrderThenEventIdWhateverTheInsertOrder() {
            KeyRef k = awsKey("k1");
            var late = event("b", T0.plusSeconds(60), Action.DISABLE, k);
            var first = event("z", T0, Action.CREATE, k);
            var sameTimeLaterId = event("c", T0.plusSeconds(60), Action.TAG, k);
            store.insertEvent(stored(ACME, late, Optional.empty()));
            store.insertEvent(stored(ACME, sameTimeLaterId, Optional.empty()));
            store.insertEvent(stored(ACME, first, Optional.empty()));

            assertThat(store.eventsForKey(ACME, k.id())).extracting(s -> s.event().eventId())
                    .containsExactly("z", "b", "c");
        }

        @Test
        void storedEventRoundTripsExactly() {
            var e = event("evt-1", Instant.parse("2026-01-15T09:00:00.123456789Z"), Action.CREATE, awsKey("k1"),
                    Map.of("algorithm", "AES-256", "tag.Owner", "payments", "nativeState", "Enabled"));
            StoredEvent s = new StoredEvent(ACME, e, Instant.parse("2026-01-15T09:00:05.5Z"),
                    Optional.of(Instant.parse("2033-01-15T09:00:00Z")));
            store.insertEvent(s);

            assertThat(store.eventsForKey(ACME, e.key().id())).containsExactly(s);
        }
    }

    @Nested
    class Usage {

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
        void rollupsAreKeptPerTenantAndKey() {
            store.mergeUsage(ACME, "aws:k1", s3);

            assertThat(store.usage(BETA, "aws:k1")).isEmpty();
            assertThat(store.usage(ACME, "aws:k2")).isEmpty();
        }

        @Test
        void aPurgedKeyRecordTakesItsRollupWithIt() {
            KeyRef k = awsKey("k1");
            store.putAsset(ACME, asset(ACME, k, LifecycleState.DESTROYED, Optional.empty()).toBuilder()
                    .retainedUntil(Optional.of(clock.instant().plus(Duration.ofDays(1)))).build(), 0);
            store.mergeUsage(ACME, k.id(), s3);
            clock.advance(Duration.ofDays(2));

            store.purgeExpired(ACME, clock.instant());

            assertThat(store.usage(ACME, k.id())).isEmpty();
        }
    }

    @Nested
    class SweepReports {

        private SweepReport report(String tenant, String sweepId, String location, Instant started) {
            return new SweepReport(sweepId, tenant, new SweepScope(Provider.AWS, "111122223333", location), started,
                    started.plusSeconds(3), Optional.of("ThrottlingException"), List.of(
                    new SweptKey("aws:k1", KeyClass.DRIFTED, true, List.of("state ACTIVE -> SUSPENDED")),
                    new SweptKey("aws:k2", KeyClass.CONFIRMED, false, List.of())), 1, 7, 1);
        }

        @Test
        void reportsAreListedNewestFirstPageByPageAndReadBackEqual() {
            SweepReport old = report(ACME, "s1", "us-east-1", T0);
            SweepReport newer = report(ACME, "s2", "us-east-1", T0.plusSeconds(60));
            SweepReport sameRunOtherScope = report(ACME, "s2", "eu-west-1", T0.plusSeconds(60));
            store.putSweepReport(old);
            store.putSweepReport(newer);
            store.putSweepReport(sameRunOtherScope);

            Page<SweepReport> first = store.sweepReports(ACME, PageRequest.first(2));
            Page<SweepReport> second = store.sweepReports(ACME, PageRequest.first(2).next(first.nextCursor().orElseThrow()));

            assertThat(first.items()).containsExactly(sameRunOtherScope, newer);
            assertThat(second.items()).containsExactly(old);
            assertThat(second.nextCursor()).isEmpty();
            assertThat(store.sweepReports(BETA, PageRequest.first(10)).items()).isEmpty();
        }

        @Test
        void theSameSweepAndScopeIsReplaced() {
            store.putSweepReport(report(ACME, "s1", "us-east-1", T0));
            SweepReport rerun = report(ACME, "s1", "us-east-1", T0);
            store.putSweepReport(rerun);

            assertThat(store.sweepReports(ACME, PageRequest.first(10)).items()).containsExactly(rerun);
        }
    }

    @Nested
    class TenantIsolation {

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
            assertThat(store.purgeExpired(BETA, clock.instant())).isEqualTo(PurgeResult.NOTHING);
            assertThat(store.ledger(ACME, 1, Optional.empty(), true, PageRequest.first(10)).items()).hasSize(1);
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

        @Test
        void ledgerPagesInSequenceOrderAndFiltersByKey() {
            for (int i = 0; i < 7; i++) {
                appendLink(ACME, Optional.of(i % 2 == 0 ? "aws:even" : "aws:odd"), Optional.empty());
            }
            Page<LedgerRecord> first = store.ledger(ACME, 1, Optional.empty(), false, PageRequest.first(3));
            Page<LedgerRecord> second = store.ledger(ACME, 1, Optional.empty(), false,
                    PageRequest.first(3).next(first.nextCursor().orElseThrow()));
            Page<LedgerRecord> evens = store.ledger(ACME, 1, Optional.of("aws:even"), false, PageRequest.first(100));
            Page<LedgerRecord> fromFive = store.ledger(ACME, 5, Optional.empty(), false, PageRequest.first(100));

            assertThat(first.items()).extracting(LedgerRecord::sequence).containsExactly(1L, 2L, 3L);
            assertThat(second.items()).extracting(LedgerRecord::sequence).containsExactly(4L, 5L, 6L);
            assertThat(evens.items()).extracting(LedgerRecord::sequence).containsExactly(1L, 3L, 5L, 7L);
            assertThat(fromFive.items()).extracting(LedgerRecord::sequence).containsExactly(5L, 6L, 7L);
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

    @Nested
    class Ledger {

        @Test
        void appendMustFollowTheHead() {
            LedgerRecord first = appendLink(ACME, Optional.empty(), Optional.empty());

            assertThat(store.ledgerHead(ACME)).isEqualTo(new LedgerHead(1, first.hash()));
            LedgerRecord again = link(ACME, LedgerHead.EMPTY, Optional.empty(), T0, Optional.empty());
            assertThatThrownBy(() -> store.appendLedger(again)).isInstanceOf(LedgerConflictException.class);
            LedgerRecord skipping = LedgerRecord.chain(ACME, 5, T0, LedgerEntryType.EVENT_ACCEPTED,
                    Optional.empty(), "{}", first.hash(), Optional.empty());
            assertThatThrownBy(() -> store.appendLedger(skipping)).isInstanceOf(LedgerConflictException.class);
            assertThat(store.ledgerHead(ACME).sequence()).isEqualTo(1);
        }

        @Test
        void recordsRoundTripExactly() {
            LedgerRecord r = LedgerRecord.chain(ACME, 1, Instant.parse("2026-02-03T04:05:06.000000007Z"),
                    LedgerEntryType.ASSET_CHANGED, Optional.of("aws:k"), "{\"stateAfter\":\"ACTIVE\",\"é\":\"ü\"}",
                    LedgerHash.GENESIS, Optional.of(Instant.parse("2033-02-03T04:05:06Z")));
            store.appendLedger(r);

            assertThat(store.ledger(ACME, 1, Optional.empty(), false, PageRequest.first(1)).items()).containsExactly(r);
        }

        @Test
        void concurrentWritersKeepOneVerifiableChain() throws Exception {
            LedgerWriter writer = new LedgerWriter(store, clock);
            ExpiryRules rules = new ExpiryRules(RetentionPolicy.DEFAULT, List.of());
            Callable<Void> task = () -> {
                for (int i = 0; i < 40; i++) {
                    writer.append(ACME, LedgerEntryType.EVENT_ACCEPTED, Optional.empty(), "{\"i\":" + i + "}", rules);
                }
                return null;
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (Future<Void> f : pool.invokeAll(List.of(task, task))) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.ledgerHead(ACME).sequence()).isEqualTo(80);
            assertThat(new LedgerVerifier(store).verify(ACME).intact()).isTrue();
        }
    }

    @Nested
    class Expiry {

        @Test
        void expiredRecordsAreInvisibleToReads() {
            KeyRef k = awsKey("k1");
            Instant soon = clock.instant().plus(Duration.ofDays(1));
            store.insertEvent(stored(ACME, event("old", T0, Action.CREATE, k), Optional.of(soon)));
            store.insertEvent(stored(ACME, event("kept", T0.plusSeconds(1), Action.TAG, k), Optional.empty()));
            appendLink(ACME, Optional.of(k.id()), Optional.of(soon));
            appendLink(ACME, Optional.of(k.id()), Optional.empty());
            CryptoAsset destroyed = asset(ACME, k, LifecycleState.DESTROYED, Optional.empty()).toBuilder()
                    .retainedUntil(Optional.of(soon)).build();
            store.putAsset(ACME, destroyed, 0);

            clock.advance(Duration.ofDays(2));

            assertThat(store.eventsForKey(ACME, k.id())).extracting(s -> s.event().eventId()).containsExactly("kept");
            assertThat(store.ledger(ACME, 1, Optional.empty(), false, PageRequest.first(10)).items())
                    .extracting(LedgerRecord::sequence).containsExactly(2L);
            assertThat(store.ledger(ACME, 1, Optional.empty(), true, PageRequest.first(10)).items())
                    .extracting(LedgerRecord::sequence).containsExactly(1L, 2L);
            assertThat(store.asset(ACME, k.id())).isEmpty();
            assertThat(store.assets(ACME, AssetQuery.ALL, PageRequest.first(10)).items()).isEmpty();
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

        @Test
        void purgeRemovesExpiredRecordsAndReportsTheLedgerRuns() {
            KeyRef k = awsKey("k1");
            Instant soon = clock.instant().plus(Duration.ofDays(1));
            store.insertEvent(stored(ACME, event("old", T0, Action.CREATE, k), Optional.of(soon)));
            LedgerRecord r1 = appendLink(ACME, Optional.of(k.id()), Optional.of(soon));
            LedgerRecord r2 = appendLink(ACME, Optional.of(k.id()), Optional.of(soon));
            appendLink(ACME, Optional.empty(), Optional.empty());
            LedgerRecord r4 = appendLink(ACME, Optional.of(k.id()), Optional.of(soon));
            store.putAsset(ACME, asset(ACME, k, LifecycleState.DESTROYED, Optional.empty()).toBuilder()
                    .retainedUntil(Optional.of(soon)).build(), 0);

            assertThat(store.purgeExpired(ACME, clock.instant())).isEqualTo(PurgeResult.NOTHING);
            clock.advance(Duration.ofDays(2));
            PurgeResult result = store.purgeExpired(ACME, clock.instant());

            assertThat(result.events()).isEqualTo(1);
            assertThat(result.ledgerRecords()).isEqualTo(3);
            assertThat(result.assets()).isEqualTo(1);
            assertThat(result.ledgerRuns()).extracting(run -> run.from() + ".." + run.to())
                    .containsExactly("1..2", "4..4");
            assertThat(result.ledgerRuns().get(0).previousHash()).isEqualTo(r1.previousHash());
            assertThat(result.ledgerRuns().get(0).lastHash()).isEqualTo(r2.hash());
            assertThat(result.ledgerRuns().get(1).lastHash()).isEqualTo(r4.hash());
            assertThat(store.ledger(ACME, 1, Optional.empty(), true, PageRequest.first(10)).items())
                    .extracting(LedgerRecord::sequence).containsExactly(3L);
            assertThat(store.ledgerHead(ACME).sequence()).isEqualTo(4);
            assertThat(store.purgeExpired(ACME, clock.instant())).isEqualTo(PurgeResult.NOTHING);
        }
    }

    @Nested
    class LegalHolds {

        @Test
        void holdsArePlacedListedAndLifted() {
            LegalHold tenantHold = new LegalHold(ACME, Optional.empty(), "litigation 42", "admin", T0);
            LegalHold keyHold = new LegalHold(ACME, Optional.of("aws:k"), "investigation", "admin", T0);
            store.putLegalHold(tenantHold);
            store.putLegalHold(keyHold);

            assertThat(store.legalHolds(ACME)).containsExactlyInAnyOrder(tenantHold, keyHold);
            assertThat(store.removeLegalHold(ACME, Optional.of("aws:k"))).isTrue();
            assertThat(store.removeLegalHold(ACME, Optional.of("aws:k"))).isFalse();
            assertThat(store.legalHolds(ACME)).containsExactly(tenantHold);
        }

        @Test
        void recordsUnderHoldAreNeverPurgedAndGetTheirExpiryBackWhenLifted() {
            KeyRef held = awsKey("held");
            KeyRef free = awsKey("free");
            RetentionPolicy policy = new RetentionPolicy(Period.ofDays(30), Period.ofDays(30), Period.ofDays(30));
            store.putRetentionPolicy(ACME, policy);
            store.insertEvent(stored(ACME, event("h", clock.instant(), Action.CREATE, held), Optional.empty()));
            store.insertEvent(stored(ACME, event("f", clock.instant(), Action.CREATE, free), Optional.empty()));
            appendLink(ACME, Optional.of(held.id()), Optional.empty());
            appendLink(ACME, Optional.of(free.id()), Optional.empty());
            LegalHold hold = new LegalHold(ACME, Optional.of(held.id()), "investigation", "admin", clock.instant());
            store.putLegalHold(hold);

            store.restampExpiries(ACME, Optional.empty(), new ExpiryRules(policy, store.legalHolds(ACME)));
            clock.advance(Duration.ofDays(31));
            PurgeResult purged = store.purgeExpired(ACME, clock.instant());

            assertThat(purged.events()).isEqualTo(1);
            assertThat(purged.ledgerRecords()).isEqualTo(1);
            assertThat(store.eventsForKey(ACME, held.id())).singleElement()
                    .satisfies(e -> assertThat(e.expiresAt()).isEmpty());
            assertThat(store.eventsForKey(ACME, free.id())).isEmpty();

            store.removeLegalHold(ACME, Optional.of(held.id()));
            store.restampExpiries(ACME, Optional.of(held.id()), new ExpiryRules(policy, store.legalHolds(ACME)));
            assertThat(store.eventsForKey(ACME, held.id())).isEmpty();
            assertThat(store.purgeExpired(ACME, clock.instant()).events()).isEqualTo(1);
        }

        @Test
        void restampOfOneKeyLeavesOtherKeysAlone() {
            KeyRef a = awsKey("a");
            KeyRef b = awsKey("b");
            Optional<Instant> original = Optional.of(clock.instant().plus(Duration.ofDays(5)));
            store.insertEvent(stored(ACME, event("a1", clock.instant(), Action.CREATE, a), original));
            store.insertEvent(stored(ACME, event("b1", clock.instant(), Action.CREATE, b), original));
            LegalHold hold = new LegalHold(ACME, Optional.of(a.id()), "investigation", "admin", clock.instant());

            store.restampExpiries(ACME, Optional.of(a.id()), new ExpiryRules(RetentionPolicy.DEFAULT, List.of(hold)));

            assertThat(store.eventsForKey(ACME, a.id()).get(0).expiresAt()).isEmpty();
            assertThat(store.eventsForKey(ACME, b.id()).get(0).expiresAt()).isEqualTo(original);
        }
    }

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

    @Test
    void retentionPolicyDefaultsToSevenYearsAndCanBeChanged() {
        assertThat(store.retentionPolicy(ACME)).isEqualTo(RetentionPolicy.DEFAULT);
        RetentionPolicy shorter = new RetentionPolicy(Period.ofYears(1), Period.ofYears(2), Period.ofYears(3));

        store.putRetentionPolicy(ACME, shorter);

        assertThat(store.retentionPolicy(ACME)).isEqualTo(shorter);
    }

    @Nested
    class Alerts {

        private Alert alert(String tenant, String condition, Instant raisedAt) {
            return Alert.open(tenant, Rule.UNAUTHORISED_CHANGE, Optional.of("k-" + condition), List.of("aws:" + condition),
                    "change by someone", condition, raisedAt);
        }

        @Test
        void theSameConditionIsStoredOnceWhateverItsStatus() {
            Alert a = alert(ACME, "c1", T0);
            assertThat(store.insertAlert(a)).isTrue();
            assertThat(store.insertAlert(alert(ACME, "c1", T0.plusSeconds(5)))).isFalse();
            assertThat(store.acknowledgeAlert(ACME, a.id(), "local:bob", T0.plusSeconds(9))).isPresent();
            assertThat(store.insertAlert(a)).isFalse();
            assertThat(store.alert(ACME, a.id())).get().satisfies(stored -> {
                assertThat(stored.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
                assertThat(stored.raisedAt()).isEqualTo(T0);
            });
        }

        @Test
        void alertsRoundTripExactly() {
            Alert a = alert(ACME, "c1", T0.plusNanos(7));
            store.insertAlert(a);
            assertThat(store.alert(ACME, a.id())).contains(a);
        }

        @Test
        void alertsAreListedNewestFirstPageByPageAndFilteredByStatus() {
            List<Alert> all = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Alert a = alert(ACME, "c" + i, T0.plusSeconds(i));
                store.insertAlert(a);
                all.add(0, a);
            }
            store.acknowledgeAlert(ACME, all.get(1).id(), "local:bob", T0.plusSeconds(60));
            List<String> seen = new ArrayList<>();
            PageRequest page = PageRequest.first(3);
            while (true) {
                Page<Alert> p = store.alerts(ACME, Optional.empty(), page);
                p.items().forEach(a -> seen.add(a.id()));
                if (p.nextCursor().isEmpty()) {
                    break;
                }
                page = page.next(p.nextCursor().get());
            }
            assertThat(seen).containsExactlyElementsOf(all.stream().map(Alert::id).toList());
            Page<Alert> open = store.alerts(ACME, Optional.of(AlertStatus.OPEN), PageRequest.first(2));
            assertThat(open.items()).extracting(Alert::id).containsExactly(all.get(0).id(), all.get(2).id());
            Page<Alert> rest = store.alerts(ACME, Optional.of(AlertStatus.OPEN), new PageRequest(open.nextCursor(), 10));
            assertThat(rest.items()).hasSize(4);
            assertThat(store.alerts(ACME, Optional.of(AlertStatus.ACKNOWLEDGED), PageRequest.first(10)).items())
                    .extracting(Alert::id).containsExactly(all.get(1).id());
        }

        @Test
        void acknowledgementIsConditionalOnTheAlertBeingOpen() {
            Alert a = alert(ACME, "c1", T0);
            store.insertAlert(a);
            Optional<Alert> first = store.acknowledgeAlert(ACME, a.id(), "local:bob", T0.plusSeconds(1));
            assertThat(first).get().satisfies(x -> {
                assertThat(x.acknowledgedBy()).contains("local:bob");
                assertThat(x.acknowledgedAt()).contains(T0.plusSeconds(1));
            });
            assertThat(store.acknowledgeAlert(ACME, a.id(), "local:eve", T0.plusSeconds(2))).isEmpty();
            assertThat(store.acknowledgeAlert(ACME, "al-unknown", "local:eve", T0)).isEmpty();
            assertThat(store.alert(ACME, a.id()).orElseThrow().acknowledgedBy()).contains("local:bob");
        }

        @Test
        void alertsAreKeptPerTenant() {
            Alert a = alert(ACME, "c1", T0);
            store.insertAlert(a);
            assertThat(store.insertAlert(alert(BETA, "c1", T0))).isTrue();
            assertThat(store.alert(BETA, a.id())).isEmpty();
            assertThat(store.acknowledgeAlert(BETA, a.id(), "local:eve", T0)).isEmpty();
            assertThat(store.alerts(BETA, Optional.empty(), PageRequest.first(10)).items()).hasSize(1);
            assertThat(store.tenants()).contains(ACME, BETA);
        }

        @Test
        void recentEventsSpanKeysWithinTheHalfOpenRangeInHistoryOrder() {
            KeyRef k1 = awsKey("k1");
            KeyRef k2 = awsKey("k2");
            store.insertEvent(stored(ACME, event("e3", T0.plusSeconds(30), Action.DISABLE, k2), Optional.empty()));
            store.insertEvent(stored(ACME, event("e1", T0, Action.DISABLE, k1), Optional.empty()));
            store.insertEvent(stored(ACME, event("e2", T0.plusSeconds(10), Action.DESTROY, k1), Optional.empty()));
            store.insertEvent(stored(ACME, event("e4", T0.plusSeconds(60), Action.DESTROY, k1), Optional.empty()));
            store.insertEvent(stored(ACME, event("old", T0.plusSeconds(20), Action.DESTROY, k1),
                    Optional.of(clock.instant().minusSeconds(1))));
            store.insertEvent(stored(BETA, event("b1", T0.plusSeconds(5), Action.DESTROY, k1), Optional.empty()));
            assertThat(store.recentEvents(ACME, T0, T0.plusSeconds(60)))
                    .extracting(e -> e.event().eventId()).containsExactly("e1", "e2", "e3");
            assertThat(store.recentEvents(ACME, T0.plusSeconds(11), T0.plusSeconds(61)))
                    .extracting(e -> e.event().eventId()).containsExactly("e3", "e4");
        }
    }
}
