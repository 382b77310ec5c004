package io.keyledger.core.store;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was last kept for each of at most {@code capacity} keys; keeping one more pushes out another. What
 * readers keep of a page they served (parsed records, merged usage, rendered JSON), so that serving the same
 * page again costs little, and memory stays bounded whatever is read. Thread-safe.
 */
public final class LastSeen<K, V> {

    private final int capacity;
    private final ConcurrentHashMap<K, V> byKey = new ConcurrentHashMap<>();

    public LastSeen(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: expected 1 or more, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** What was last kept for {@code key}, or null. */
    public V get(K key) {
        return byKey.get(key);
    }

    /** Keeps {@code value} for {@code key}, pushing out another key's when full. */
    public void put(K key, V value) {
        while (byKey.size() >= capacity && !byKey.containsKey(key)) {
            Iterator<K> any = byKey.keySet().iterator();
            if (!any.hasNext()) {
                break;
            }
            byKey.remove(any.next());
        }
        byKey.put(key, value);
    }

    public int size() {
        return byKey.size();
    }
}
