package io.keyledger.core.key;

import java.time.Instant;
import java.util.Optional;

/**
 * The dates of a key's life. Empty means not known (or not applicable).
 *
 * @param updatedAt              when the provider last changed the key's attributes, as it lists them (Azure
 *                               {@code updated})
 * @param destructionRequestedAt when its destruction was asked for: an Azure key's soft deletion ({@code deletedDate}),
 *                               the start of a provider's waiting period before {@code destructionScheduledAt}
 */
public record KeyDates(
        Optional<Instant> createdAt,
        Optional<Instant> activatedAt,
        Optional<Instant> destructionScheduledAt,
        Optional<Instant> destroyedAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastRotatedAt,
        Optional<Instant> nextRotationAt,
        Optional<Instant> updatedAt,
        Optional<Instant> destructionRequestedAt) {

    public static final KeyDates NONE = new KeyDates(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public KeyDates {
        // Records stored before a date existed read it as absent.
        createdAt = orEmpty(createdAt);
        activatedAt = orEmpty(activatedAt);
        destructionScheduledAt = orEmpty(destructionScheduledAt);
        destroyedAt = orEmpty(destroyedAt);
        expiresAt = orEmpty(expiresAt);
        lastRotatedAt = orEmpty(lastRotatedAt);
        nextRotationAt = orEmpty(nextRotationAt);
        updatedAt = orEmpty(updatedAt);
        destructionRequestedAt = orEmpty(destructionRequestedAt);
    }

    private static Optional<Instant> orEmpty(Optional<Instant> v) {
        return v == null ? Optional.empty() : v;
    }

    public KeyDates withCreatedAt(Optional<Instant> v) {
        return new KeyDates(v, activatedAt, destructionScheduledAt, destroyedAt, expiresAt, lastRotatedAt, nextRotationAt,
                updatedAt, destructionRequestedAt);
    }

    public KeyDates withActivatedAt(Optional<Instant> v) {
        return new KeyDates(createdAt, v, destructionScheduledAt, destroyedAt, expiresAt, lastRotatedAt, nextRotationAt,
                updatedAt, destructionRequestedAt);
    }

    public KeyDates withDestructionScheduledAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, v, destroyedAt, expiresAt, lastRotatedAt, nextRotationAt,
                updatedAt, destructionRequestedAt);
    }

    public KeyDates withDestroyedAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, destructionScheduledAt, v, expiresAt, lastRotatedAt, nextRotationAt,
                updatedAt, destructionRequestedAt);
    }

    public KeyDates withExpiresAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, destructionScheduledAt, destroyedAt, v, lastRotatedAt, nextRotationAt,
                updatedAt, destructionRequestedAt);
    }

    public KeyDates withLastRotatedAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, destructionScheduledAt, destroyedAt, expiresAt, v, nextRotationAt,
                updatedAt, destructionRequestedAt);
    }

    public KeyDates withNextRotationAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, destructionScheduledAt, destroyedAt, expiresAt, lastRotatedAt, v,
                updatedAt, destructionRequestedAt);
    }

    public KeyDates withUpdatedAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, destructionScheduledAt, destroyedAt, expiresAt, lastRotatedAt,
                nextRotationAt, v, destructionRequestedAt);
    }

    public KeyDates withDestructionRequestedAt(Optional<Instant> v) {
        return new KeyDates(createdAt, activatedAt, destructionScheduledAt, destroyedAt, expiresAt, lastRotatedAt,
                nextRotationAt, updatedAt, v);
    }
}
