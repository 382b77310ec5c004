package io.keyledger.core.store;

import java.util.Objects;

/** A stored value and its revision, for optimistic concurrency (revisions start at 1). */
public record Versioned<T>(T value, long revision) {

    public Versioned {
        Objects.requireNonNull(value, "value");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be positive");
        }
    }
}
