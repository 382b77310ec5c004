package io.keyledger.azure.format;

import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.LifecycleState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A key's derived lifecycle state and the short native state shown beside it ("enabled", "disabled",
 * "expired", "deleted (recoverable until ...)", "purged"); see {@link KeyCondition} for the rules.
 */
public record KeyState(KeyCondition condition, LifecycleState state, String nativeState) {

    /** The state of a live (not deleted) key with these attributes, at {@code at}. */
    public static KeyState of(boolean enabled, Optional<Instant> notBefore, Optional<Instant> expires, Instant at) {
        if (expires.isPresent() && !expires.get().isAfter(at)) {
            return new KeyState(KeyCondition.EXPIRED, KeyCondition.EXPIRED.state(), enabled ? "expired" : "expired, disabled");
        }
        if (!enabled) {
            return new KeyState(KeyCondition.DISABLED, KeyCondition.DISABLED.state(), "disabled");
        }
        if (notBefore.isPresent() && notBefore.get().isAfter(at)) {
            return new KeyState(KeyCondition.NOT_YET_VALID, KeyCondition.NOT_YET_VALID.state(),
                    "enabled, not before " + notBefore.get());
        }
        return new KeyState(KeyCondition.ENABLED, KeyCondition.ENABLED.state(), "enabled");
    }

    /** A soft-deleted key, recoverable until its purge date when known. */
    public static KeyState deleted(Optional<Instant> scheduledPurge) {
        return new KeyState(KeyCondition.SOFT_DELETED, KeyCondition.SOFT_DELETED.state(),
                scheduledPurge.map(d -> "deleted (recoverable until " + d + ")").orElse("deleted (recoverable)"));
    }

    /** A key known to have expired, whatever else it is. */
    public static KeyState expired() {
        return new KeyState(KeyCondition.EXPIRED, KeyCondition.EXPIRED.state(), "expired");
    }

    public static KeyState purged() {
        return new KeyState(KeyCondition.PURGED, KeyCondition.PURGED.state(), "purged");
    }

    /** The {@code state} and {@code nativeState} attributes. */
    public Map<String, String> attributes() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(KeyAttribute.STATE.wireName(), state.name());
        out.put(KeyAttribute.NATIVE_STATE.wireName(), nativeState);
        return out;
    }
}
