package io.keyledger.gcp.functions;

/**
 * No scope of a sweep could be published: the scheduler's request fails, so that Cloud Scheduler records
 * the failure and retries it, and a sweep skipped is seen. The message says why (no scope found, every
 * project unreachable, Pub/Sub refusing).
 */
public final class SweepNotStartedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SweepNotStartedException(String message) {
        super(message);
    }
}
