package io.keyledger.core.sweep;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a scope's keys and the cursor of the next page, if any. */
public record KeyListing(List<ObservedKey> keys, Optional<String> nextCursor) {

    public KeyListing {
        keys = List.copyOf(keys);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
