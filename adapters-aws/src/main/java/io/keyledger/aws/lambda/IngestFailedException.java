package io.keyledger.aws.lambda;

import io.keyledger.functions.ingest.IngestOutcome;
import java.util.List;

/**
 * An invocation that must be retried: thrown by the functions whose caller retries a failed invocation
 * (an EventBridge target, an S3 notification), so that the event is delivered again and finally kept
 * in the dead-letter queue. The message names the problems (at most {@value #SHOWN}).
 */
public final class IngestFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    static final int SHOWN = 10;

    private final transient IngestOutcome outcome;

    public IngestFailedException(String function, IngestOutcome outcome) {
        super(message(function, outcome));
        this.outcome = outcome;
    }

    public IngestOutcome outcome() {
        return outcome;
    }

    private static String message(String function, IngestOutcome outcome) {
        List<String> problems = outcome.problems();
        StringBuilder out = new StringBuilder(function).append(": ").append(outcome.failedMessageIds().size())
                .append(" of ").append(outcome.messages()).append(" messages not ingested (").append(outcome.applied())
                .append(" events applied, ").append(problems.size()).append(problems.size() == 1 ? " problem)" : " problems)");
        problems.stream().limit(SHOWN).forEach(p -> out.append("\n  ").append(p));
        if (problems.size() > SHOWN) {
            out.append("\n  ... and ").append(problems.size() - SHOWN).append(" more");
        }
        return out.toString();
    }
}
