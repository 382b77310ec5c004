package io.keyledger.core.key;

/**
 * Key states of NIST SP 800-57 Part 1, as also used by KMIP and the CycloneDX 1.6 CBOM.
 * The provider's own state is always kept beside it as the native state.
 */
public enum LifecycleState {
    PRE_ACTIVATION,
    ACTIVE,
    SUSPENDED,
    DEACTIVATED,
    COMPROMISED,
    DESTROYED,
    DESTROYED_COMPROMISED;

    public boolean isDestroyed() {
        return this == DESTROYED || this == DESTROYED_COMPROMISED;
    }

    public boolean isCompromised() {
        return this == COMPROMISED || this == DESTROYED_COMPROMISED;
    }
}
