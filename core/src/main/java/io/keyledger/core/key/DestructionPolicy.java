package io.keyledger.core.key;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the provider holds back a key's destruction once it is asked for: one idea in every cloud.
 *
 * @param delay         how long a key scheduled for destruction stays recoverable: AWS
 *                      {@code PendingDeletionWindowInDays}, Azure {@code recoverableDays}, Google
 *                      {@code destroyScheduledDuration}
 * @param recoveryLevel the provider's own word for what protects the key from deletion and purge (Azure
 *                      {@code recoveryLevel}: {@code Recoverable+Purgeable}, {@code CustomizedRecoverable+ProtectedSubscription}...)
 */
public record DestructionPolicy(Optional<Duration> delay, Optional<String> recoveryLevel) {

    public static final DestructionPolicy NONE = new DestructionPolicy(Optional.empty(), Optional.empty());

    public DestructionPolicy {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(recoveryLevel, "recoveryLevel");
    }

    public DestructionPolicy withDelay(Optional<Duration> v) {
        return new DestructionPolicy(v, recoveryLevel);
    }

    public DestructionPolicy withRecoveryLevel(Optional<String> v) {
        return new DestructionPolicy(delay, v);
    }
}
