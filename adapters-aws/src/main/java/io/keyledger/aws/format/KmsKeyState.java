package io.keyledger.aws.format;

import io.keyledger.core.decode.Mapping;
import io.keyledger.core.key.LifecycleState;
import java.util.Arrays;
import java.util.Optional;

/** AWS KMS KeyState values and the lifecycle state each means (the normative table of docs/EVENTS.md). */
public enum KmsKeyState {
    CREATING("Creating", LifecycleState.PRE_ACTIVATION, "a multi-Region replica being created"),
    PENDING_IMPORT("PendingImport", LifecycleState.PRE_ACTIVATION, "origin EXTERNAL, no (or deleted or expired) key material"),
    ENABLED("Enabled", LifecycleState.ACTIVE, ""),
    UPDATING("Updating", LifecycleState.ACTIVE, "a multi-Region key whose primary Region is changing"),
    DISABLED("Disabled", LifecycleState.SUSPENDED, ""),
    UNAVAILABLE("Unavailable", LifecycleState.SUSPENDED, "its custom key store is disconnected"),
    PENDING_DELETION("PendingDeletion", LifecycleState.DEACTIVATED, "with destructionScheduledAt"),
    PENDING_REPLICA_DELETION("PendingReplicaDeletion", LifecycleState.DEACTIVATED,
            "a primary waiting for its replicas' deletion; no date yet");

    private final Mapping<LifecycleState> mapping;

    KmsKeyState(String nativeName, LifecycleState lifecycle, String note) {
        this.mapping = new Mapping<>(nativeName, lifecycle, note);
    }

    /** The row of the key-state table in docs/providers/aws.md. */
    public Mapping<LifecycleState> mapping() {
        return mapping;
    }

    public String nativeName() {
        return mapping.nativeValue();
    }

    public LifecycleState lifecycle() {
        return mapping.value();
    }

    public static Optional<KmsKeyState> of(String nativeName) {
        return Arrays.stream(values()).filter(s -> s.nativeName().equalsIgnoreCase(nativeName)).findFirst();
    }
}
