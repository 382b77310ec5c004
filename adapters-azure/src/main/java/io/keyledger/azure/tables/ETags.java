package io.keyledger.azure.tables;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ETags of entities this store last read or wrote, with what they held, so that a conditional write
 * right after a read need not read again. A remembered ETag is only ever a guess: a write made with a
 * stale one is refused by the service (412), and the store then reads afresh. Bounded, least recently
 * used first out; thread-safe.
 */
final class ETags<T> {

    record Known<T>(T value, String etag, Instant at) {
    }

    private final Map<String, Known<T>> known;

    ETags(int capacity) {
        this.known = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known<T>> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(String tenant, String id, T value, String etag, Instant at) {
        if (etag != null && !etag.isEmpty()) {
            known.put(tenant + "\n" + id, new Known<>(value, etag, at));
        }
    }

    synchronized void forget(String tenant, String id) {
        known.remove(tenant + "\n" + id);
    }

    /** The remembered entry, if it was remembered at or after {@code since}. */
    synchronized Optional<Known<T>> known(String tenant, String id, Instant since) {
        Known<T> k = known.get(tenant + "\n" + id);
        return k == null || k.at().isBefore(since) ? Optional.empty() : Optional.of(k);
    }

    /** The remembered ETag of the entity if it held {@code value}. */
    synchronized Optional<String> etag(String tenant, String id, T value) {
        Known<T> k = known.get(tenant + "\n" + id);
        return k != null && k.value().equals(value) ? Optional.of(k.etag()) : Optional.empty();
    }
}
