package io.keyledger.aws.lambda;

/**
 * No scope of a sweep could be queued: the invocation fails, so that EventBridge Scheduler retries it
 * and finally keeps it in the dead-letter queue, and the failure is seen rather than a sweep silently
 * skipped. The message says why (no scope found, every account unreachable, SQS refusing).
 */
public final class SweepNotStartedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SweepNotStartedException(String message) {
        super(message);
    }
}
