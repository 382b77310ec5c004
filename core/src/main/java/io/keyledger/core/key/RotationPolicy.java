package io.keyledger.core.key;

import java.time.Duration;
import java.util.Optional;

/** Automatic rotation as configured at the provider. */
public record RotationPolicy(boolean enabled, Optional<Duration> period) {

    public static final RotationPolicy NONE = new RotationPolicy(false, Optional.empty());
}
