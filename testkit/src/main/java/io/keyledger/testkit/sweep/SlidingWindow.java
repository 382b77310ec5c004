package io.keyledger.testkit.sweep;

import java.util.function.LongSupplier;

/**
 * One provider quota as the provider enforces it: at most {@code limit} calls in any one second,
 * counted over a window that slides with each call, on a real clock. The pacing under test uses a
 * token bucket on another clock; enforcing with a different mechanism is what keeps the check honest.
 *
 * <p>A refused call takes no place in the window, so a client that backs off gets in as soon as the
 * window has room. The window also keeps this pass's figures: calls, refusals, the span of the calls and
 * the fullest the window has been.
 */
public final class SlidingWindow {

    private static final long ONE_SECOND_NANOS = 1_000_000_000L;

    private final int limit;
    private final LongSupplier nanoTime;
    /** The times of the calls let through in the last second, oldest first, in a ring of {@code limit} places. */
    private final long[] admitted;
    private int head;
    private int size;

    private long calls;
    private long throttled;
    private long firstNanos;
    private long lastNanos;
    private int peak;

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests) */
    public SlidingWindow(int limit, LongSupplier nanoTime) {
        if (limit < 1) {
            throw new IllegalArgumentException("a quota must allow at least one call a second: " + limit);
        }
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.admitted = new long[limit];
    }

    public int limit() {
        return limit;
    }

    /** Counts a call in the window if it has room; false (a throttle) if the last second is full. */
    public synchronized boolean admit() {
        long now = nanoTime.getAsLong();
        while (size > 0 && now - admitted[head] >= ONE_SECOND_NANOS) {
            head = (head + 1) % limit;
            size--;
        }
        if (size == limit) {
            throttled++;
            return false;
        }
        admitted[(head + size) % limit] = now;
        size++;
        if (calls++ == 0) {
            firstNanos = now;
        }
        lastNanos = now;
        peak = Math.max(peak, size);
        return true;
    }

    /**
     * This pass's figures, and a fresh start for the next pass's. The window itself is kept: a provider
     * does not forget the last second's calls because the client started another sweep.
     */
    public synchronized WindowStats drain() {
        WindowStats stats = new WindowStats(calls, throttled, lastNanos - firstNanos, peak);
        calls = 0;
        throttled = 0;
        firstNanos = 0;
        lastNanos = 0;
        peak = 0;
        return stats;
    }
}
