package io.keyledger.gcp.functions;

import io.keyledger.core.sweep.SweepOutcome;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code sweepScope} did with one message: the scope's outcome (its report is in the store), and the
 * follow-up message that lists the rest of a scope cut short.
 *
 * @param followUpMessageId Pub/Sub's id of the follow-up, when one was published
 */
public record ScopeSwept(SweepRequest request, SweepOutcome outcome, Optional<String> followUpMessageId) {

    public ScopeSwept {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(followUpMessageId, "followUpMessageId");
    }
}
