package io.keyledger.testkit.store;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link ArchiveStore} slice of the store contract: the index of archived segments and of their keys,
 * and the release of the store's copies, after which an archived event is still a duplicate.
 */
public abstract class ArchiveStoreContract extends StoreContractSlice {

    private static ArchivedSegment segment(String tenant, long from, long to) {
        Instant at = Instant.parse("2026-01-02T03:04:05.006Z");
        return new ArchivedSegment(tenant, from, to, "0".repeat(64), "a".repeat(64), (int) (to - from + 1), 0, at, at,
                "archive/" + tenant + "/" + from + "-" + to + ".jsonl.gz", "b".repeat(64), 1234, at,
                Optional.of(Instant.parse("2033-01-02T03:04:05Z")), "kid", "c2ln");
    }

    @Test
    void segmentsAreIndexedInOrderWithTheirKeys() {
        ArchivedSegment second = segment(ACME, 11, 20);
        ArchivedSegment first = segment(ACME, 1, 10);

        assertThat(store.putSegment(second, Set.of("aws:b"))).isTrue();
        assertThat(store.putSegment(first, Set.of("aws:a", "aws:b"))).isTrue();
        assertThat(store.putSegment(segment(ACME, 1, 5), Set.of())).isFalse();

        assertThat(store.segments(ACME)).containsExactly(first, second);
        assertThat(store.segmentsOfKey(ACME, "aws:a")).containsExactly(first);
        assertThat(store.segmentsOfKey(ACME, "aws:b")).containsExactly(first, second);
        assertThat(store.segmentsOfKey(ACME, "aws:c")).isEmpty();
        assertThat(store.segments(BETA)).isEmpty();
    }

    @Test
    void releasedRecordsAndEventsAreGoneFromReadsButAnArchivedEventStaysADuplicate() {
        KeyRef k = awsKey("k");
        store.insertEvent(stored(ACME, event("e1", clock.instant(), Action.CREATE, k), Optional.empty()));
        store.insertEvent(stored(ACME, event("e2", clock.instant().plusSeconds(1), Action.TAG, k), Optional.empty()));
        appendLink(ACME, Optional.of(k.id()), Optional.empty());
        appendLink(ACME, Optional.of(k.id()), Optional.empty());
        LedgerRecord kept = appendLink(ACME, Optional.empty(), Optional.empty());
        String e1 = event("e1", clock.instant(), Action.CREATE, k).dedupKey();

        store.releaseArchived(ACME, List.of(1L, 2L), List.of(e1));
        store.releaseArchived(ACME, List.of(1L, 2L), List.of(e1));

        assertThat(store.ledger(ACME, 1, Optional.empty(), true, PageRequest.first(10)).items()).containsExactly(kept);
        assertThat(store.ledgerHead(ACME).sequence()).isEqualTo(3);
        assertThat(store.eventsForKey(ACME, k.id())).extracting(e -> e.event().eventId()).containsExactly("e2");
        assertThat(store.insertEvent(stored(ACME, event("e1", clock.instant(), Action.CREATE, k), Optional.empty())))
                .isFalse();
        assertThat(store.eventsForKey(ACME, k.id())).hasSize(1);
    }

    @Test
    void aRemovedSegmentIsForgottenWithItsEvents() {
        KeyRef k = awsKey("k");
        store.insertEvent(stored(ACME, event("e1", clock.instant(), Action.CREATE, k), Optional.empty()));
        String e1 = event("e1", clock.instant(), Action.CREATE, k).dedupKey();
        store.putSegment(segment(ACME, 1, 10), Set.of(k.id()));
        store.releaseArchived(ACME, List.of(), List.of(e1));

        assertThat(store.removeSegment(ACME, 1, Set.of(k.id()), List.of(e1))).isTrue();
        assertThat(store.removeSegment(ACME, 1, Set.of(k.id()), List.of(e1))).isFalse();

        assertThat(store.segments(ACME)).isEmpty();
        assertThat(store.segmentsOfKey(ACME, k.id())).isEmpty();
        assertThat(store.insertEvent(stored(ACME, event("e1", clock.instant(), Action.CREATE, k), Optional.empty())))
                .as("an event purged with its segment may be delivered again, as any purged event")
                .isTrue();
    }

    @Test
    void theIndexIsPerTenant() {
        store.putSegment(segment(ACME, 1, 10), Set.of("aws:a"));

        assertThat(store.segmentsOfKey(BETA, "aws:a")).isEmpty();
        assertThat(store.removeSegment(BETA, 1, Set.of("aws:a"), List.of())).isFalse();
        assertThat(store.segments(ACME)).hasSize(1);
    }
}
