package io.keyledger.core.store;

import java.util.Objects;
import java.util.Optional;

/** A page to read: the cursor returned with the previous page (empty for the first) and a size limit. */
public record PageRequest(Optional<String> cursor, int limit) {

    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }

    public PageRequest next(String cursor) {
        return new PageRequest(Optional.of(cursor), limit);
    }
}
