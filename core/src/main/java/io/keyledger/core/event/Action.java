package io.keyledger.core.event;

import io.keyledger.core.key.LifecycleState;
import java.util.Optional;

/**
 * What a key event did, in provider-neutral words. Each provider's operations map onto these
 * (see docs/EVENTS.md); the native operation name is kept in the event's source.
 */
public enum Action {
    CREATE(LifecycleState.ACTIVE, true),
    ENABLE(LifecycleState.ACTIVE, true),
    DISABLE(LifecycleState.SUSPENDED, true),
    SCHEDULE_DESTRUCTION(LifecycleState.DEACTIVATED, true),
    CANCEL_DESTRUCTION(LifecycleState.SUSPENDED, true),
    DESTROY(LifecycleState.DESTROYED, true),
    IMPORT_MATERIAL(LifecycleState.ACTIVE, true),
    DELETE_MATERIAL(LifecycleState.PRE_ACTIVATION, true),
    ROTATE(null, true),
    ROTATION_POLICY(null, true),
    KEY_POLICY(null, true),
    GRANT(null, true),
    ALIAS(null, true),
    TAG(null, true),
    METADATA(null, true),
    REPLICATE(null, true),
    RECOVER(LifecycleState.ACTIVE, true),
    /** A cryptographic use (encrypt, sign, ...): updates usage only and is aggregated, not kept per call. */
    USE(null, false),
    /** A compromise declared through KeyLedger (no provider has this state). */
    DECLARE_COMPROMISE(LifecycleState.COMPROMISED, true),
    /** Owner, usage context, responsibility or regulatory attributes set through KeyLedger. */
    ANNOTATE(null, true),
    /** A state or attributes read directly from the provider (a sweep, or a re-read after an event). */
    OBSERVE(null, true),
    /** An operation of a known format that KeyLedger does not know: kept in history, changes no state. */
    UNCLASSIFIED(null, true);

    private final LifecycleState resultingState;
    private final boolean keptInHistory;

    Action(LifecycleState resultingState, boolean keptInHistory) {
        this.resultingState = resultingState;
        this.keptInHistory = keptInHistory;
    }

    /** The lifecycle state this action leads to when the event does not say otherwise. */
    public Optional<LifecycleState> resultingState() {
        return Optional.ofNullable(resultingState);
    }

    /** Whether each event of this action is a history entry of its own. */
    public boolean keptInHistory() {
        return keptInHistory;
    }

    /** Actions that end, or prepare to end, a key's usability: the ones anomaly rules watch most. */
    public boolean destructive() {
        return this == DISABLE || this == SCHEDULE_DESTRUCTION || this == DESTROY || this == DELETE_MATERIAL;
    }
}
