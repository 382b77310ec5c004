package io.keyledger.core.key;

import java.time.Instant;
import java.util.Optional;

/** The dates of a key's life. Empty means not known (or not applicable). */
public record KeyDates(
        Optional<Instant> createdAt,
        Optional<Instant> activatedAt,
        Optional<Instant> destructionScheduledAt,
        Optional<Instant> destroyedAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastRotatedAt,
        Optional<Instant> nextRotationAt) {

    public static final KeyDates NONE = new KeyDates(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public KeyDates withCreatedAt(Optional<Instant> v) {
        return new KeyDates(v, activatedAt, destructionScheduledAt, destroyedAt, expiresAt, lastRotatedAt, nextRotationAt);
    }

    public KeyDates withActivatedAt(Optional<Instant> v) {
        return new KeyDates(createdAt, v, destructionScheduledAt, destroyedAt, expiresAt, lastRotatedAt, nextRotationAt);
    }

    public KeyDates withDestructionScheduledAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, v, destroyedAt, expiresAt, lastRotatedAt, nextRotationAt);
    }

    public KeyDates withDestroyedAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, destructionScheduledAt, v, expiresAt, lastRotatedAt, nextRotationAt);
    }

    public KeyDates withExpiresAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, destructionScheduledAt, destroyedAt, v, lastRotatedAt, nextRotationAt);
    }

    public KeyDates withLastRotatedAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, destructionScheduledAt, destroyedAt, expiresAt, v, nextRotationAt);
    }

    public KeyDates withNextRotationAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, destructionScheduledAt, destroyedAt, expiresAt, lastRotatedAt, v);
    }
}
