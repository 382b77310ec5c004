package io.keyledger.core.sweep;

import io.keyledger.core.key.KeyRef;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The scope's key stores and HSMs (AWS custom key stores), read once per sweep; none by default. A
     * source that cannot read them throws, and the sweep goes on without them.
     */
    default java.util.List<ObservedKeyStore> keyStores() {
        return java.util.List.of();
    }

    /**
     * The provider API operations this source may send, and it sends no other: what a deployment grants
     * it. A source that reads no provider API (a saved listing) declares none.
     */
    default Set<ApiOperation> operations() {
        return Set.of();
    }
}
