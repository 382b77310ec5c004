package io.keyledger.core.sweep;

/** How a sweep classifies a key of its scope. */
public enum KeyClass {
    /** In the cloud and in the inventory, alike. */
    CONFIRMED,
    /** In the cloud, never seen in an event: an audit gap. */
    UNTRACKED,
    /** In the inventory, gone from the cloud without a destruction event (confirmed by a direct read). */
    MISSING,
    /** In both, but the state or attributes differ. */
    DRIFTED
}
