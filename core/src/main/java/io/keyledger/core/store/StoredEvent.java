package io.keyledger.core.store;

import io.keyledger.core.event.KeyEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A key event as kept in a key's history.
 *
 * @param receivedAt when KeyLedger accepted it
 * @param expiresAt  when retention lets it go; empty under legal hold
 */
public record StoredEvent(String tenant, KeyEvent event, Instant receivedAt, Optional<Instant> expiresAt) {

    /** History order: event time, then event id, so that every delivery order gives the same history. */
    public static final Comparator<StoredEvent> HISTORY_ORDER = Comparator
            .comparing((StoredEvent e) -> e.event().eventTime())
            .thenComparing(e -> e.event().eventId());

    public StoredEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public String keyId() {
        return event.key().id();
    }

    public StoredEvent withExpiresAt(Optional<Instant> expiry) {
        return new StoredEvent(tenant, event, receivedAt, expiry);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }
}
