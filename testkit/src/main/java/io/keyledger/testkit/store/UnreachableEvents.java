package io.keyledger.testkit.store;

import io.keyledger.core.store.EventStore;
import io.keyledger.core.store.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A store's events port that fails as an unreachable store does: its writes, and also its reads when
 * {@code readsFail}, throw the given failure while {@code down} says so; otherwise every call passes through.
 * Put in place with {@code StoreParts.of(store).withEvents(...)}.
 */
public record UnreachableEvents(EventStore events, BooleanSupplier down, boolean readsFail,
                                Supplier<RuntimeException> failure) implements EventStore {

    /** Every call fails while {@code down} says so. */
    public static UnreachableEvents whileDown(EventStore events, BooleanSupplier down,
                                              Supplier<RuntimeException> failure) {
        return new UnreachableEvents(events, down, true, failure);
    }

    /** Every write fails; reads pass through. */
    public static UnreachableEvents forWrites(EventStore events, Supplier<RuntimeException> failure) {
        return new UnreachableEvents(events, () -> true, false, failure);
    }

    @Override
    public boolean insertEvent(StoredEvent event) {
        check(true);
        return events.insertEvent(event);
    }

    @Override
    public List<StoredEvent> eventsForKey(String tenant, String keyId) {
        check(readsFail);
        return events.eventsForKey(tenant, keyId);
    }

    @Override
    public List<StoredEvent> eventsToFold(String tenant, String keyId) {
        check(readsFail);
        return events.eventsToFold(tenant, keyId);
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
        check(readsFail);
        return events.recentEvents(tenant, from, to);
    }

    private void check(boolean fails) {
        if (fails && down.getAsBoolean()) {
            throw failure.get();
        }
    }
}
