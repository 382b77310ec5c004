package io.keyledger.gcp.functions;

import io.keyledger.functions.ingest.IngestOutcome;
import java.util.List;

/**
 * A delivery that must come again: the store (or the platform) failed while it was applied. Thrown by the
 * CloudEvent functions, so that Eventarc delivers the event again; the push function answers 503 instead.
 * Ingest is idempotent, so what was applied before the failure is not applied twice. The message names the
 * problems (at most {@value #SHOWN}).
 */
public final class DeliveryFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    static final int SHOWN = 10;

    public DeliveryFailedException(String function, String delivery, IngestOutcome outcome) {
        super(message(function, delivery, outcome));
    }

    private static String message(String function, String delivery, IngestOutcome outcome) {
        List<String> problems = outcome.problems();
        StringBuilder out = new StringBuilder(function).append(": delivery ").append(delivery)
                .append(" not ingested, to be delivered again (").append(outcome.applied()).append(" events applied)");
        problems.stream().limit(SHOWN).forEach(p -> out.append("\n  ").append(p));
        if (problems.size() > SHOWN) {
            out.append("\n  ... and ").append(problems.size() - SHOWN).append(" more");
        }
        return out.toString();
    }
}
