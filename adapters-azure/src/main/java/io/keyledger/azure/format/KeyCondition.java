package io.keyledger.azure.format;

import io.keyledger.core.decode.Mapping;
import io.keyledger.core.key.LifecycleState;

/**
 * The conditions an Azure key can be in. Azure keys have no state field: the lifecycle state is derived
 * from {@code enabled}, not-before ({@code nbf}), expiry ({@code exp}) and deletion, checked in this
 * order (the first that holds decides). This enum is the normative table of docs/providers/azure.md.
 */
public enum KeyCondition {
    PURGED("purged (KeyPurge, CertificatePurge)", LifecycleState.DESTROYED,
            "purged"),
    SOFT_DELETED("soft-deleted (KeyDelete), recoverable until the scheduled purge date", LifecycleState.DEACTIVATED,
            "deleted (recoverable until <scheduledPurgeDate>)"),
    EXPIRED("expiry (exp) at or before the time of the record, enabled or not", LifecycleState.DEACTIVATED,
            "expired (or: expired, disabled)"),
    DISABLED("enabled = false", LifecycleState.SUSPENDED, "disabled"),
    NOT_YET_VALID("enabled, not-before (nbf) after the time of the record", LifecycleState.PRE_ACTIVATION,
            "enabled, not before <nbf>"),
    ENABLED("enabled, within not-before and expiry", LifecycleState.ACTIVE, "enabled");

    private final String condition;
    private final LifecycleState state;
    private final String nativeStateText;

    KeyCondition(String condition, LifecycleState state, String nativeStateText) {
        this.condition = condition;
        this.state = state;
        this.nativeStateText = nativeStateText;
    }

    /** When this condition holds, in words. */
    public String condition() {
        return condition;
    }

    public LifecycleState state() {
        return state;
    }

    /** The native state KeyLedger records, with placeholders for the dates. */
    public String nativeStateText() {
        return nativeStateText;
    }

    /** The row of the state table in docs/providers/azure.md: the condition, its state, the native state noted. */
    public Mapping<LifecycleState> mapping() {
        return new Mapping<>(condition, state, nativeStateText);
    }
}
