package io.keyledger.core.lifecycle;

import static io.keyledger.core.key.LifecycleState.ACTIVE;
import static io.keyledger.core.key.LifecycleState.COMPROMISED;
import static io.keyledger.core.key.LifecycleState.DEACTIVATED;
import static io.keyledger.core.key.LifecycleState.DESTROYED;
import static io.keyledger.core.key.LifecycleState.DESTROYED_COMPROMISED;
import static io.keyledger.core.key.LifecycleState.PRE_ACTIVATION;
import static io.keyledger.core.key.LifecycleState.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.LifecycleState;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LifecycleProperties {

    /** Transitions the providers really produce (see the state mapping in docs/EVENTS.md). */
    private static final List<LifecycleState[]> PROVIDER_TRANSITIONS = List.of(
            t(PRE_ACTIVATION, ACTIVE),      // AWS ImportKeyMaterial, Azure not-before reached, Google generation done
            t(ACTIVE, PRE_ACTIVATION),      // AWS imported material expired or deleted (PendingImport)
            t(ACTIVE, SUSPENDED),           // DisableKey, Azure enabled=false, Google DISABLED
            t(SUSPENDED, ACTIVE),           // EnableKey
            t(ACTIVE, DEACTIVATED),         // ScheduleKeyDeletion, Azure soft delete or expiry, DESTROY_SCHEDULED
            t(SUSPENDED, DEACTIVATED),
            t(DEACTIVATED, SUSPENDED),      // AWS CancelKeyDeletion (Disabled), Google RestoreCryptoKeyVersion
            t(DEACTIVATED, ACTIVE),         // Azure recover of a soft-deleted key
            t(DEACTIVATED, DESTROYED),      // KMS CMK Deletion, Azure purge, Google DESTROYED
            t(PRE_ACTIVATION, DESTROYED),   // Google GENERATION_FAILED / IMPORT_FAILED
            t(ACTIVE, COMPROMISED),         // declared through KeyLedger
            t(SUSPENDED, COMPROMISED),
            t(COMPROMISED, DESTROYED_COMPROMISED),
            t(DESTROYED, DESTROYED_COMPROMISED)); // compromise learned after destruction

    private static LifecycleState[] t(LifecycleState from, LifecycleState to) {
        return new LifecycleState[] {from, to};
    }

    @Test
    void everyTransitionAProviderProducesIsAccepted() {
        for (LifecycleState[] t : PROVIDER_TRANSITIONS) {
            assertThat(Lifecycle.flagFor(t[0], t[1])).as(t[0] + " -> " + t[1]).isEmpty();
        }
    }

    @Property
    void onlyLeavingADestroyedStateIsFlagged(@ForAll LifecycleState from, @ForAll LifecycleState to) {
        boolean impossible = from != to
                && (from == DESTROYED && to != DESTROYED_COMPROMISED || from == DESTROYED_COMPROMISED);

        assertThat(Lifecycle.flagFor(from, to).isPresent()).isEqualTo(impossible);
        assertThat(Lifecycle.isProducible(from, to)).isEqualTo(!impossible);
    }

    @Property
    void aDeclaredCompromiseSticksUntilDestruction(@ForAll LifecycleState target) {
        LifecycleState after = Lifecycle.resolve(COMPROMISED, target);

        assertThat(after).isEqualTo(target.isDestroyed() ? DESTROYED_COMPROMISED : COMPROMISED);
    }

    @Property
    void destroyingNeverLosesAKnownCompromise(@ForAll LifecycleState current) {
        LifecycleState after = Lifecycle.resolve(current, DESTROYED);

        assertThat(after).isEqualTo(current.isCompromised() ? DESTROYED_COMPROMISED : DESTROYED);
    }
}
