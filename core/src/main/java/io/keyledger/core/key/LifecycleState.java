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
    DESTROYED_COMPROMISED,
    /**
     * Not known yet: the key was first seen in an event that does not imply a state (a tag change, a
     * use) and no listing has described it. Not a NIST state; a CBOM leaves the state out.
     */
    UNKNOWN;

    public boolean isDestroyed() {
        return this == DESTROYED || this == DESTROYED_COMPROMISED;
    }

    public boolean isKnown() {
        return this != UNKNOWN;
    }

    public boolean isCompromised() {
        return this == COMPROMISED || this == DESTROYED_COMPROMISED;
    }
}
