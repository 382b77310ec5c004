package io.keyledger.core.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket read from an injected clock: tokens accrue at a fixed rate up to a capacity, and each
 * request takes one. A request that finds the bucket empty takes its token on credit and is told how
 * long to wait for it, so callers on many threads get distinct, evenly spaced turns without holding a
 * lock while they wait.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double ratePerSecond;
    private final double capacity;
    private final Clock clock;
    private double tokens;
    private Instant refilledAt;

    /**
     * @param capacity how many requests may go at once after a quiet spell (the bucket starts full)
     */
    public TokenBucket(double ratePerSecond, double capacity, Clock clock) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive and finite: " + ratePerSecond);
        }
        if (!(capacity >= 1) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("capacity must be at least one token: " + capacity);
        }
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = capacity;
        this.refilledAt = clock.instant();
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Takes one token and returns how long the caller must wait before using it (zero if at once). */
    public synchronized Duration reserve() {
        Instant now = clock.instant();
        if (now.isAfter(refilledAt)) {
            double elapsedNanos = Duration.between(refilledAt, now).toNanos();
            tokens = Math.min(capacity, tokens + elapsedNanos * ratePerSecond / NANOS_PER_SECOND);
            refilledAt = now;
        }
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens * NANOS_PER_SECOND / ratePerSecond));
    }
}
