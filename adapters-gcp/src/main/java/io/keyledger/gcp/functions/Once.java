package io.keyledger.gcp.functions;

import java.util.Optional;
import java.util.function.Supplier;

/** A value built on first request, then kept: one client per function instance. */
final class Once<T> implements Supplier<T> {

    private final Supplier<T> build;
    private volatile T value;

    Once(Supplier<T> build) {
        this.build = build;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = build.get();
                    value = v;
                }
            }
        }
        return v;
    }

    /** The value if it was built. */
    Optional<T> built() {
        return Optional.ofNullable(value);
    }
}
