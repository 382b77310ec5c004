package io.keyledger.core.decode;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a pure function gave, for at most {@code bound} arguments (all are forgotten when the bound is
 * reached): decoders meet the same key ARNs, service hosts and names in record after record, and
 * parsing them with regular expressions each time costs more than the rest of a record. Thread-safe.
 */
public final class BoundedMemo<K, V> {

    private final Function<K, V> function;
    private final int bound;
    private final ConcurrentHashMap<K, V> known = new ConcurrentHashMap<>();

    public BoundedMemo(int bound, Function<K, V> function) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1, was " + bound);
        }
        this.bound = bound;
        this.function = Objects.requireNonNull(function, "function");
    }

    /** What the function gives for {@code key} (never null: the function must not return null). */
    public V apply(K key) {
        V v = known.get(key);
        if (v == null) {
            v = Objects.requireNonNull(function.apply(key), "function result");
            if (known.size() >= bound) {
                known.clear();
            }
            known.put(key, v);
        }
        return v;
    }
}
