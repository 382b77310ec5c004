package io.keyledger.core.sweep;

import java.util.Objects;
import java.util.Optional;

/**
 * One scope to sweep in a run: its key source and, when resuming a sweep that was cut short, the cursor
 * to list from.
 */
public record ScopeSweep(KeySource source, Optional<String> startCursor) {

    public ScopeSweep {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(startCursor, "startCursor");
    }

    /** The whole scope, from its first page: the only kind of sweep that can find missing keys. */
    public static ScopeSweep whole(KeySource source) {
        return new ScopeSweep(source, Optional.empty());
    }

    /** The rest of a scope, from the cursor an earlier run reached ({@link SweepOutcome#resumeCursor()}). */
    public static ScopeSweep resumeAt(KeySource source, String cursor) {
        return new ScopeSweep(source, Optional.of(cursor));
    }

    /** What a later run should do with this scope after {@code outcome}: resume it, or sweep it whole again. */
    public static ScopeSweep after(KeySource source, SweepOutcome outcome) {
        return outcome.resumeCursor().map(c -> resumeAt(source, c)).orElseGet(() -> whole(source));
    }

    public SweepScope scope() {
        return source.scope();
    }
}
