package io.keyledger.core.lifecycle;

import io.keyledger.core.key.LifecycleState;
import java.util.Optional;

/**
 * The lifecycle rules. Providers do things NIST SP 800-57 forbids (AWS CancelKeyDeletion brings a key
 * back from pending deletion, Google restores a version scheduled for destruction), so every transition
 * a provider can produce is accepted; only leaving a destroyed state is flagged, because no provider
 * can bring key material back from destruction. The one way out of DESTROYED is learning that the key
 * had been compromised (DESTROYED_COMPROMISED).
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** Checks a transition; an empty result means it is one a provider can produce. */
    public static Optional<String> flagFor(LifecycleState from, LifecycleState to) {
        if (from == to || !from.isKnown()) {
            return Optional.empty();
        }
        if (from == LifecycleState.DESTROYED && to != LifecycleState.DESTROYED_COMPROMISED) {
            return Optional.of(illegal(from, to));
        }
        if (from == LifecycleState.DESTROYED_COMPROMISED) {
            return Optional.of(illegal(from, to));
        }
        return Optional.empty();
    }

    public static boolean isProducible(LifecycleState from, LifecycleState to) {
        return flagFor(from, to).isEmpty();
    }

    /**
     * The state a key reaches when a change to {@code target} is applied in {@code current}: a declared
     * compromise sticks (a provider may still enable or disable the key, which changes its native state
     * only) and destruction of a compromised key is DESTROYED_COMPROMISED.
     */
    public static LifecycleState resolve(LifecycleState current, LifecycleState target) {
        if (!target.isKnown()) {
            return current;
        }
        boolean compromised = current.isCompromised() || target.isCompromised();
        if (target.isDestroyed() || current.isDestroyed() && target == LifecycleState.COMPROMISED) {
            return compromised ? LifecycleState.DESTROYED_COMPROMISED : LifecycleState.DESTROYED;
        }
        return compromised ? LifecycleState.COMPROMISED : target;
    }

    private static String illegal(LifecycleState from, LifecycleState to) {
        return "ILLEGAL_TRANSITION: " + from + " -> " + to + " (no provider brings a key back from destruction)";
    }
}
