package io.keyledger.testkit.store;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyDates;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@link RetentionStore} slice of the store contract: policies, legal holds, and the expiry and purge of
 * the records the other ports keep.
 */
public abstract class RetentionStoreContract extends StoreContractSlice {

    @Test
    void retentionPolicyDefaultsToSevenYearsAndCanBeChanged() {
        assertThat(store.retentionPolicy(ACME)).isEqualTo(RetentionPolicy.DEFAULT);
        RetentionPolicy shorter = new RetentionPolicy(Period.ofYears(1), Period.ofYears(2), Period.ofYears(3));

        store.putRetentionPolicy(ACME, shorter);

        assertThat(store.retentionPolicy(ACME)).isEqualTo(shorter);
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
            PurgeResult purged = store.purgeExpired(ACME, clock.instant(), new ExpiryRules(policy, store.legalHolds(ACME)));

            assertThat(purged.events()).isEqualTo(1);
            assertThat(purged.ledgerRecords()).isEqualTo(1);
            assertThat(store.eventsForKey(ACME, held.id())).singleElement()
                    .satisfies(e -> assertThat(e.expiresAt()).isEmpty());
            assertThat(store.eventsForKey(ACME, free.id())).isEmpty();

            store.removeLegalHold(ACME, Optional.of(held.id()));
            store.restampExpiries(ACME, Optional.of(held.id()), new ExpiryRules(policy, store.legalHolds(ACME)));
            assertThat(store.eventsForKey(ACME, held.id())).isEmpty();
            assertThat(store.purgeExpired(ACME, clock.instant(), new ExpiryRules(policy, List.of())).events())
                    .isEqualTo(1);
        }

        /** Regression (issue 13): an expiry set in the past on held records by hand made the purge delete them. */
        @Test
        void anExpiryForgedInThePastNeverPurgesAHeldRecord() {
            KeyRef held = awsKey("held");
            LegalHold hold = new LegalHold(ACME, Optional.of(held.id()), "litigation", "admin", clock.instant());
            Optional<Instant> forged = Optional.of(clock.instant().minus(Duration.ofDays(1)));
            store.insertEvent(stored(ACME, event("h", clock.instant(), Action.CREATE, held), forged));
            appendLink(ACME, Optional.of(held.id()), forged);
            CryptoAsset destroyed = asset(ACME, held, LifecycleState.DESTROYED, Optional.empty()).toBuilder()
                    .dates(KeyDates.NONE.withDestroyedAt(Optional.of(clock.instant()))).retainedUntil(forged).build();
            store.putAsset(ACME, destroyed, 0);
            clock.advance(Duration.ofDays(400));

            PurgeResult purged = store.purgeExpired(ACME, clock.instant(), oneDay(hold));

            assertThat(purged).isEqualTo(PurgeResult.NOTHING);
            assertThat(store.ledger(ACME, 1, Optional.empty(), true, PageRequest.first(10)).items()).hasSize(1);
            store.restampExpiries(ACME, Optional.empty(), oneDay(hold));
            assertThat(store.eventsForKey(ACME, held.id())).hasSize(1);
            assertThat(store.asset(ACME, held.id())).isPresent();
        }

        @Test
        void aStoredExpiryThatHasPassedRemovesNothingTheRulesKeep() {
            KeyRef k = awsKey("k");
            Optional<Instant> forged = Optional.of(clock.instant().minus(Duration.ofDays(1)));
            store.insertEvent(stored(ACME, event("e", clock.instant(), Action.CREATE, k), forged));
            appendLink(ACME, Optional.of(k.id()), forged);

            PurgeResult purged = store.purgeExpired(ACME, clock.instant(), new ExpiryRules(RetentionPolicy.DEFAULT,
                    List.of()));

            assertThat(purged).isEqualTo(PurgeResult.NOTHING);
            assertThat(store.ledger(ACME, 1, Optional.empty(), true, PageRequest.first(10)).items()).hasSize(1);
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
        void purgeRemovesExpiredRecordsAndReportsTheLedgerRuns() {
            KeyRef k = awsKey("k1");
            KeyRef held = awsKey("held");
            LegalHold hold = new LegalHold(ACME, Optional.of(held.id()), "litigation", "admin", clock.instant());
            Optional<Instant> soon = oneDay().forEvent(stored(ACME, event("old", clock.instant(), Action.CREATE, k),
                    Optional.empty()));
            store.insertEvent(stored(ACME, event("old", clock.instant(), Action.CREATE, k), soon));
            LedgerRecord r1 = appendLink(ACME, Optional.of(k.id()), soon);
            LedgerRecord r2 = appendLink(ACME, Optional.of(k.id()), soon);
            appendLink(ACME, Optional.of(held.id()), Optional.empty());
            LedgerRecord r4 = appendLink(ACME, Optional.of(k.id()), soon);
            CryptoAsset destroyed = asset(ACME, k, LifecycleState.DESTROYED, Optional.empty()).toBuilder()
                    .dates(KeyDates.NONE.withDestroyedAt(Optional.of(clock.instant()))).build();
            store.putAsset(ACME, destroyed.toBuilder().retainedUntil(oneDay().forAsset(destroyed)).build(), 0);

            assertThat(store.purgeExpired(ACME, clock.instant(), oneDay(hold))).isEqualTo(PurgeResult.NOTHING);
            clock.advance(Duration.ofDays(2));
            PurgeResult result = store.purgeExpired(ACME, clock.instant(), oneDay(hold));

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
            assertThat(store.purgeExpired(ACME, clock.instant(), oneDay(hold))).isEqualTo(PurgeResult.NOTHING);
        }
    }
}
