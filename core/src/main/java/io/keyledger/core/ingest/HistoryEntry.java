package io.keyledger.core.ingest;

import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.store.StoredEvent;
import java.util.Optional;

/**
 * One entry of a key's history: an event with the lifecycle state before and after it. A failed call
 * has the same state before and after.
 *
 * @param flag why the transition is suspicious, if it is
 */
public record HistoryEntry(StoredEvent stored, Optional<LifecycleState> before, Optional<LifecycleState> after,
                           String nativeStateAfter, Optional<String> flag) {
}
