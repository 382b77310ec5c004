package io.keyledger.azure.functions;

import io.keyledger.functions.ingest.IngestOutcome;

/**
 * An Event Grid event was not ingested: the invocation fails, so that Event Grid delivers it again and
 * finally dead-letters it to the subscription's dead-letter container. The message names the problems.
 */
public final class IngestFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient IngestOutcome outcome;

    public IngestFailedException(String function, IngestOutcome outcome) {
        super(function + ": " + outcome.failedMessageIds().size() + " of " + outcome.messages()
                + " events not ingested: " + String.join("; ", outcome.problems()));
        this.outcome = outcome;
    }

    public IngestOutcome outcome() {
        return outcome;
    }
}
