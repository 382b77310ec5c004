package io.keyledger.core.sweep;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits. Pacing and backoff wait through this rather than calling {@code Thread.sleep} themselves, so
 * that tests replace waiting with moving a clock, and measure pacing on that clock instead of on the
 * wall (see DESIGN.md: no wall-clock timing in unit tests).
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code duration} (a zero or negative duration returns at once). */
    void pause(Duration duration) throws InterruptedException;

    /** Waits by parking the calling thread: the production sleeper. */
    static Sleeper threads() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                TimeUnit.NANOSECONDS.sleep(saturatedNanos(duration));
            }
        };
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
