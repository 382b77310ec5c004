package io.keyledger.core.sweep;

import io.keyledger.core.key.KeyRef;
import java.util.Optional;

/**
 * A cloud's list and describe APIs for one scope (or a saved listing of them). A source declares
 * nothing about pacing or retries here: the live sources pace themselves within the provider's quotas.
 */
public interface KeySource {

    SweepScope scope();

    /** One page of the scope's keys (and versions), from the start when the cursor is empty. */
    KeyListing list(Optional<String> cursor);

    /** A direct read of one key: empty if the provider says it does not exist. */
    Optional<ObservedKey> describe(KeyRef key);
}
