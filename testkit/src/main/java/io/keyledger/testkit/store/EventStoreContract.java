package io.keyledger.testkit.store;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.gcpKey;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.StoredEvent;
import java.time.Instant;
import java.time.Period;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@link EventStore} slice of the store contract: idempotent inserts, history order, recent events. */
public abstract class EventStoreContract extends StoreContractSlice {

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
    void eventsPastTheirExpiryAreHiddenFromHistoryButFoldedUntilPurged() {
        KeyRef k = awsKey("k1");
        var old = event("old", clock.instant().minus(java.time.Duration.ofDays(3)), Action.CREATE, k);
        var recent = event("new", clock.instant(), Action.DISABLE, k);
        store.insertEvent(stored(ACME, old, Optional.of(clock.instant().minusSeconds(1))));
        store.insertEvent(stored(ACME, recent, Optional.empty()));

        assertThat(store.eventsForKey(ACME, k.id())).extracting(s -> s.event().eventId()).containsExactly("new");
        assertThat(store.eventsToFold(ACME, k.id())).extracting(s -> s.event().eventId()).containsExactly("old", "new");
        assertThat(store.eventsToFold(BETA, k.id())).isEmpty();

        // History kept a day: the purge decides from the event's own time that the old one may go.
        RetentionPolicy oneDay = new RetentionPolicy(Period.ofDays(1), Period.ofYears(7), Period.ofYears(7));
        store.purgeExpired(ACME, clock.instant(), new ExpiryRules(oneDay, java.util.List.of()));
        assertThat(store.eventsToFold(ACME, k.id())).extracting(s -> s.event().eventId()).containsExactly("new");
    }

    @Test
    void theEndOfAKeysEventsToFoldHoldsExactlyThoseAfterTheInstantExpiredOrNot() {
        KeyRef k = awsKey("k1");
        store.insertEvent(stored(ACME, event("before", T0, Action.CREATE, k), Optional.empty()));
        store.insertEvent(stored(ACME, event("at", T0.plusSeconds(10), Action.TAG, k), Optional.empty()));
        store.insertEvent(stored(ACME, event("b", T0.plusSeconds(20), Action.DISABLE, k),
                Optional.of(clock.instant().minusSeconds(1))));
        store.insertEvent(stored(ACME, event("a", T0.plusSeconds(20), Action.TAG, k), Optional.empty()));
        store.insertEvent(stored(ACME, event("other", T0.plusSeconds(30), Action.DESTROY, awsKey("k2")),
                Optional.empty()));
        store.insertEvent(stored(BETA, event("tenant", T0.plusSeconds(30), Action.DESTROY, k), Optional.empty()));

        assertThat(store.eventsToFoldAfter(ACME, k.id(), T0.plusSeconds(10)))
                .extracting(s -> s.event().eventId()).containsExactly("a", "b");
        assertThat(store.eventsToFoldAfter(ACME, k.id(), T0.minusNanos(1)))
                .isEqualTo(store.eventsToFold(ACME, k.id()));
        assertThat(store.eventsToFoldAfter(ACME, k.id(), T0.plusSeconds(20))).isEmpty();
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

    @Test
    void recentEventsOfSomeActionsAreThoseOfTheRangeWithOneOfThem() {
        KeyRef k1 = awsKey("k1");
        KeyRef k2 = awsKey("k2");
        store.insertEvent(stored(ACME, event("d2", T0.plusSeconds(30), Action.DISABLE, k2), Optional.empty()));
        store.insertEvent(stored(ACME, event("c1", T0, Action.CREATE, k1), Optional.empty()));
        store.insertEvent(stored(ACME, event("x1", T0.plusSeconds(10), Action.DESTROY, k1), Optional.empty()));
        store.insertEvent(stored(ACME, event("e1", T0.plusSeconds(20), Action.ENABLE, k1), Optional.empty()));
        store.insertEvent(stored(ACME, event("late", T0.plusSeconds(60), Action.DESTROY, k1), Optional.empty()));
        store.insertEvent(stored(ACME, event("old", T0.plusSeconds(40), Action.DESTROY, k2),
                Optional.of(clock.instant().minusSeconds(1))));
        store.insertEvent(stored(BETA, event("b1", T0.plusSeconds(5), Action.DESTROY, k1), Optional.empty()));

        assertThat(store.recentEvents(ACME, T0, T0.plusSeconds(60), EnumSet.of(Action.DESTROY, Action.DISABLE)))
                .extracting(e -> e.event().eventId()).containsExactly("x1", "d2");
        assertThat(store.recentEvents(ACME, T0, T0.plusSeconds(60), EnumSet.of(Action.CREATE)))
                .extracting(e -> e.event().eventId()).containsExactly("c1");
        assertThat(store.recentEvents(ACME, T0, T0.plusSeconds(60), EnumSet.noneOf(Action.class))).isEmpty();
        // the same events, whole, as the read of every action gives them
        assertThat(store.recentEvents(ACME, T0, T0.plusSeconds(60), EnumSet.allOf(Action.class)))
                .isEqualTo(store.recentEvents(ACME, T0, T0.plusSeconds(60)));
        // the same events when there are enough of them (counted on the same range, tenant, expiry and actions)
        Set<Action> destructive = EnumSet.of(Action.DESTROY, Action.DISABLE);
        assertThat(store.recentEventsIfAtLeast(ACME, T0, T0.plusSeconds(60), destructive, 2))
                .isEqualTo(store.recentEvents(ACME, T0, T0.plusSeconds(60), destructive));
        assertThat(store.recentEventsIfAtLeast(ACME, T0, T0.plusSeconds(60), destructive, 3)).isEmpty();
        assertThat(store.recentEventsIfAtLeast(ACME, T0, T0.plusSeconds(61), EnumSet.of(Action.DESTROY), 2))
                .extracting(e -> e.event().eventId()).containsExactly("x1", "late");
        assertThat(store.recentEventsIfAtLeast(BETA, T0, T0.plusSeconds(60), EnumSet.allOf(Action.class), 2)).isEmpty();
        assertThat(store.recentEventsIfAtLeast(ACME, T0, T0.plusSeconds(60), EnumSet.noneOf(Action.class), 1)).isEmpty();
    }
}
