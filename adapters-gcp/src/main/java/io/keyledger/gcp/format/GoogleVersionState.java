package io.keyledger.gcp.format;

import io.keyledger.core.decode.Mapping;
import io.keyledger.core.key.LifecycleState;
import java.util.Optional;

/**
 * The states of a Cloud KMS CryptoKeyVersion and the lifecycle state each maps to (the normative table
 * of DESIGN.md and docs/EVENTS.md). A key's state is that of its most alive version.
 */
public enum GoogleVersionState {
    PENDING_GENERATION(LifecycleState.PRE_ACTIVATION, "an asymmetric or HSM version being generated"),
    PENDING_IMPORT(LifecycleState.PRE_ACTIVATION, "imported material being processed"),
    ENABLED(LifecycleState.ACTIVE, ""),
    DISABLED(LifecycleState.SUSPENDED, "also the state a restored version returns to"),
    DESTROY_SCHEDULED(LifecycleState.DEACTIVATED, "with destroyTime, the end of the scheduled-destruction period"),
    PENDING_EXTERNAL_DESTRUCTION(LifecycleState.DEACTIVATED,
            "external (EKM) key: waiting for the external key manager to destroy the material"),
    EXTERNAL_DESTRUCTION_FAILED(LifecycleState.DEACTIVATED,
            "not in the normative table: Cloud KMS gave up, the external material may still exist"),
    DESTROYED(LifecycleState.DESTROYED, "with destroyEventTime; reached without an audit log entry"),
    GENERATION_FAILED(LifecycleState.DESTROYED, "no material was ever created"),
    IMPORT_FAILED(LifecycleState.DESTROYED, "with importFailureReason");

    private final Mapping<LifecycleState> mapping;

    GoogleVersionState(LifecycleState lifecycle, String note) {
        this.mapping = new Mapping<>(name(), lifecycle, note);
    }

    /** The row of the version-state table in docs/providers/gcp.md. */
    public Mapping<LifecycleState> mapping() {
        return mapping;
    }

    public LifecycleState lifecycle() {
        return mapping.value();
    }

    /** The state of that name, if Google has it ({@code CRYPTO_KEY_VERSION_STATE_UNSPECIFIED} is none). */
    public static Optional<GoogleVersionState> parse(String name) {
        return Mapping.entryNamed(GoogleVersionState.class, name);
    }
}
