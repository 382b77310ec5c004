package io.keyledger.testkit;

import io.keyledger.core.sweep.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A sleeper that waits by moving a {@link MutableClock} instead of the thread, and records every wait,
 * so that pacing is measured on the test's clock rather than on the wall. Thread-safe.
 */
public final class FakeSleeper implements Sleeper {

    private final MutableClock clock;
    private final List<Duration> waits = new ArrayList<>();

    public FakeSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void pause(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
    }

    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    public synchronized Duration total() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
