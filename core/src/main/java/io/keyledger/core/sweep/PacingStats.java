package io.keyledger.core.sweep;

import java.time.Duration;
import java.util.Objects;

/**
 * What pacing cost a key source: requests sent to the provider (retries included, unlike
 * {@link SweepReport#apiCalls()}, which counts the reconciler's calls), retries, requests given up after
 * the retry budget, and time spent waiting. Waiting for the quota means the pace is the limit; waiting
 * in backoff means the provider throttled anyway, and the quota share is set too high.
 *
 * @param givenUp requests still throttled after the retry budget, each of which failed its call
 */
public record PacingStats(long calls, long retries, long givenUp, Duration quotaWait, Duration backoffWait) {

    public static final PacingStats NONE = new PacingStats(0, 0, 0, Duration.ZERO, Duration.ZERO);

    public PacingStats {
        Objects.requireNonNull(quotaWait, "quotaWait");
        Objects.requireNonNull(backoffWait, "backoffWait");
    }

    public Duration waited() {
        return quotaWait.plus(backoffWait);
    }

    /** What happened between {@code earlier} and this snapshot of the same source. */
    public PacingStats since(PacingStats earlier) {
        return new PacingStats(calls - earlier.calls, retries - earlier.retries, givenUp - earlier.givenUp,
                quotaWait.minus(earlier.quotaWait), backoffWait.minus(earlier.backoffWait));
    }

    /** One line for a run's log: "12 calls, 2 retries, 0 given up; waited PT4.4S for quota, PT1.2S in backoff". */
    public String summary() {
        return calls + " calls, " + retries + " retries, " + givenUp + " given up; waited " + quotaWait
                + " for quota, " + backoffWait + " in backoff";
    }
}
