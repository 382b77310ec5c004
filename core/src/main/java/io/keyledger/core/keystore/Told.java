package io.keyledger.core.keystore;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A value as the latest source to tell it told it: merged value by value, so that observations of a key
 * store in any order give the same record.
 */
public record Told(String value, Instant at, String source) {

    private static final Comparator<Told> ORDER = Comparator.comparing(Told::at).thenComparing(Told::source)
            .thenComparing(Told::value);

    public Told {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
    }

    /** The later of two tellings (either may be absent). */
    static Optional<Told> latest(Optional<Told> a, Optional<Told> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.or(() -> b);
        }
        return ORDER.compare(a.get(), b.get()) >= 0 ? a : b;
    }
}
