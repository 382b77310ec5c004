package io.keyledger.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");

    @Test
    void anEmptyBucketGivesEachRequestTheNextTurn() {
        TokenBucket bucket = new TokenBucket(4, 1, clock);

        assertThat(List.of(bucket.reserve(), bucket.reserve(), bucket.reserve())).containsExactly(
                Duration.ZERO, Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void tokensAccrueWithTheClockUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(10, 3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.reserve()).isZero();
        }
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(100));

        clock.advance(Duration.ofHours(1));

        for (int i = 0; i < 3; i++) {
            assertThat(bucket.reserve()).isZero();
        }
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void concurrentCallersGetDistinctEvenlySpacedTurns() throws Exception {
        TokenBucket bucket = new TokenBucket(100, 1, clock);
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Duration> turns = new ArrayList<>();
        try {
            List<Callable<List<Duration>>> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                callers.add(() -> {
                    List<Duration> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(bucket.reserve());
                    }
                    return mine;
                });
            }
            for (Future<List<Duration>> f : pool.invokeAll(callers)) {
                turns.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Duration> expected = new ArrayList<>();
        for (int k = 0; k < threads * each; k++) {
            expected.add(Duration.ofMillis(10L * k));
        }
        turns.sort(null);
        assertThat(turns).isEqualTo(expected);
    }

    @Test
    void rejectsRatesAndCapacitiesThatCannotPace() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, clock)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, clock)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new TokenBucket(1, 0.5, clock)).hasMessageContaining("capacity");
    }
}
