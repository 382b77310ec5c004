package io.keyledger.core.alert;

import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.key.CryptoAsset;
import java.util.Objects;
import java.util.Optional;

/**
 * An event as the inventory applied it: the key's record before and after (empty when not known) and
 * the flag of its history entry, if its transition is one no provider can produce.
 */
public record AppliedEvent(KeyEvent event, Optional<CryptoAsset> before, Optional<CryptoAsset> after,
                           Optional<String> flag) {

    public AppliedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(flag, "flag");
    }

    /** The key's record as best known: after the event, else before it. */
    public Optional<CryptoAsset> asset() {
        return after.or(() -> before);
    }

    /**
     * Whether a person or workload made this change, as opposed to KeyLedger's own sweep corrections
     * and the provider's own follow-ups (actor type SERVICE or SYSTEM, e.g. a scheduled deletion
     * completing): those carry out a decision that the rules already saw when it was requested.
     */
    public boolean byPrincipal() {
        ActorType type = event.actor().type();
        return !"sweep".equals(event.source().kind()) && type != ActorType.SERVICE && type != ActorType.SYSTEM;
    }
}
