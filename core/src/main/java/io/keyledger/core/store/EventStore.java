package io.keyledger.core.store;

import io.keyledger.core.event.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The key events (history), the source of truth the key records are projected from. Events whose
 * expiry has passed are invisible to every read. Contract: {@code EventStoreContract} (in the testkit).
 */
public interface EventStore {

    /**
     * Stores an event unless one with the same provider and event id is already stored for the tenant.
     *
     * @return true if stored, false for a duplicate (which changes nothing)
     */
    boolean insertEvent(StoredEvent event);

    /** The key's visible events in history order ({@link StoredEvent#HISTORY_ORDER}). */
    List<StoredEvent> eventsForKey(String tenant, String keyId);

    /**
     * Every event of the key still stored, in history order: the visible ones and those whose expiry has
     * passed but which are not purged yet. A key's record is folded from these, so that an archive of old
     * logs, already past its retention, still gives the record its whole history would.
     */
    List<StoredEvent> eventsToFold(String tenant, String keyId);

    /**
     * The events of {@link #eventsToFold} whose event time is after {@code after}, in history order: the end of a
     * key's history, which stores with an index on event time read without the rest.
     */
    default List<StoredEvent> eventsToFoldAfter(String tenant, String keyId, Instant after) {
        return eventsToFold(tenant, keyId).stream().filter(e -> e.event().eventTime().isAfter(after)).toList();
    }

    /**
     * The tenant's visible events of every key whose event time is in {@code [from, to)}, in history
     * order. Meant for short windows (the windowed anomaly rules read minutes to hours).
     */
    List<StoredEvent> recentEvents(String tenant, Instant from, Instant to);

    /**
     * The events of {@link #recentEvents} whose action is one of {@code actions}, in history order. A store that can
     * look at an event's action without reading the whole event does: the windowed rules count the destructive
     * actions among all of a period's changes.
     */
    default List<StoredEvent> recentEvents(String tenant, Instant from, Instant to, Set<Action> actions) {
        List<StoredEvent> out = new ArrayList<>();
        for (StoredEvent e : recentEvents(tenant, from, to)) {
            if (actions.contains(e.event().action())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The events of {@link #recentEvents(String, Instant, Instant, Set)} if there are at least {@code atLeast} of them,
     * and none otherwise: the windowed rules need a period's events only when there are enough to reach a threshold,
     * and most periods hold fewer. A store that can count events without reading them counts first.
     */
    default List<StoredEvent> recentEventsIfAtLeast(String tenant, Instant from, Instant to, Set<Action> actions,
                                                    int atLeast) {
        List<StoredEvent> events = recentEvents(tenant, from, to, actions);
        return events.size() >= atLeast ? events : List.of();
    }
}
