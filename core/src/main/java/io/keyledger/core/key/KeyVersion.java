package io.keyledger.core.key;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One version of a key, with its own state (Google Cloud KMS keeps state per version). */
public record KeyVersion(String versionId, LifecycleState state, String nativeState, Optional<Instant> createdAt) {

    public KeyVersion {
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(state, "state");
        nativeState = nativeState == null ? "" : nativeState;
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
