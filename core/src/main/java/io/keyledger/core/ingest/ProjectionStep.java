package io.keyledger.core.ingest;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import java.util.Optional;

/**
 * The result of applying one event to a key's record.
 *
 * @param asset  the record after the event (empty while only failed calls are known of the key)
 * @param before the lifecycle state before, empty for a key not known before
 * @param after  the lifecycle state after
 * @param flag   why the transition is suspicious, if it is (see {@code Lifecycle})
 */
public record ProjectionStep(Optional<CryptoAsset> asset, Optional<LifecycleState> before,
                             Optional<LifecycleState> after, Optional<String> flag) {
}
