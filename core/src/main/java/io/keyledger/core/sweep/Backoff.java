package io.keyledger.core.sweep;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: retry {@code n} waits a uniformly random time in
 * {@code [0, min(cap, base * 2^n)]}. Full jitter (rather than a fixed doubling) spreads the retries of
 * many parallel sweeps that were throttled at the same moment, so they do not all return together and
 * be throttled again; the cap bounds how long one worker can be held up.
 *
 * @param base the ceiling of the first retry's wait
 * @param cap  the largest wait, whatever the retry
 */
public record Backoff(Duration base, Duration cap) {

    /** The longest cap accepted: a worker held up for longer than this is stalled, not backing off. */
    public static final Duration LONGEST_CAP = Duration.ofHours(1);

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive: " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff cap " + cap + " is below its base " + base);
        }
        if (cap.compareTo(LONGEST_CAP) > 0) {
            throw new IllegalArgumentException("backoff cap " + cap + " is longer than " + LONGEST_CAP);
        }
    }

    /** The longest wait of retry {@code retry} (0 for the first): {@code min(cap, base * 2^retry)}. */
    public Duration ceiling(int retry) {
        if (retry < 0) {
            throw new IllegalArgumentException("retry must not be negative: " + retry);
        }
        long baseNanos = base.toNanos();
        long capNanos = cap.toNanos();
        if (retry >= Long.SIZE - 1 || baseNanos > capNanos >> retry) {
            return cap;
        }
        return Duration.ofNanos(Math.min(capNanos, baseNanos << retry));
    }

    /**
     * The wait before retry {@code retry}: one draw from {@code random} scales the ceiling, so with the
     * same draw a larger cap never gives a shorter wait.
     */
    public Duration delay(int retry, RandomGenerator random) {
        long ceiling = ceiling(retry).toNanos();
        double share = random.nextDouble();
        return Duration.ofNanos(Math.min(ceiling, (long) (ceiling * share)));
    }
}
