package io.keyledger.testkit.sweep;

/**
 * What one scope's provider saw of one operation class in one pass.
 *
 * @param calls     calls let through
 * @param throttled calls refused because the last second was full
 * @param spanNanos time from the first call let through to the last
 * @param peak      the most calls the sliding one-second window held at once
 */
public record WindowStats(long calls, long throttled, long spanNanos, int peak) {

    /**
     * The rate the calls came at while they were coming: (calls - 1) over their span, 0 with fewer than
     * two calls. Unlike calls over the whole pass, this is comparable with the quota when a scope lists
     * its pages in a few milliseconds and then spends seconds applying corrections.
     */
    public double pacePerSecond() {
        return calls < 2 || spanNanos <= 0 ? 0 : (calls - 1) * 1e9 / spanNanos;
    }
}
