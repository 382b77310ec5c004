package io.keyledger.aws.format;

import io.keyledger.core.event.Action;
import java.util.Arrays;
import java.util.Optional;

/** The events AWS KMS sends to EventBridge itself ({@code source} aws.kms), by {@code detail-type}. */
public enum KmsServiceEvent {
    KMS_CMK_ROTATION("KMS CMK Rotation", Action.ROTATE, null, "automatic or on-demand rotation"),
    KMS_CMK_DELETION("KMS CMK Deletion", Action.DESTROY, null, "the waiting period ended and the key was deleted"),
    KMS_IMPORTED_KEY_MATERIAL_EXPIRATION("KMS Imported Key Material Expiration", Action.DELETE_MATERIAL,
            KmsKeyState.PENDING_IMPORT, "imported material expired and was deleted");

    private final String detailType;
    private final Action action;
    private final KmsKeyState nativeState;
    private final String note;

    KmsServiceEvent(String detailType, Action action, KmsKeyState nativeState, String note) {
        this.detailType = detailType;
        this.action = action;
        this.nativeState = nativeState;
        this.note = note;
    }

    public String detailType() {
        return detailType;
    }

    public Action action() {
        return action;
    }

    public Optional<KmsKeyState> nativeState() {
        return Optional.ofNullable(nativeState);
    }

    public String note() {
        return note;
    }

    public static Optional<KmsServiceEvent> of(String detailType) {
        return Arrays.stream(values()).filter(e -> e.detailType.equals(detailType)).findFirst();
    }
}
