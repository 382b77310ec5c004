package io.keyledger.core.sweep;

import static io.keyledger.testkit.Fixtures.awsKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.Provider;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.sweep.FakeKeySource;
import io.keyledger.testkit.sweep.ThrottlingKeySource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Backoff stays within its bounds, and pacing keeps any rate, on a clock the test moves. */
class PacingProperties {

    @Property(tries = 500)
    void jitteredBackoffIsWithinZeroAndItsCeilingAndNeverAboveTheCap(
            @ForAll @LongRange(min = 1, max = 10_000) long baseMillis,
            @ForAll @LongRange(min = 0, max = 100_000) long extraCapMillis,
            @ForAll @IntRange(min = 0, max = 200) int retry,
            @ForAll long seed) {
        Backoff backoff = new Backoff(Duration.ofMillis(baseMillis), Duration.ofMillis(baseMillis + extraCapMillis));

        Duration delay = backoff.delay(retry, new SplittableRandom(seed));

        assertThat(delay).isBetween(Duration.ZERO, backoff.ceiling(retry));
        assertThat(backoff.ceiling(retry)).isLessThanOrEqualTo(backoff.cap());
        assertThat(backoff.ceiling(retry)).isLessThanOrEqualTo(backoff.ceiling(retry + 1));
    }

    @Property(tries = 500)
    void withTheSameDrawALargerCapNeverGivesAShorterWait(
            @ForAll @LongRange(min = 1, max = 10_000) long baseMillis,
            @ForAll @LongRange(min = 0, max = 100_000) long capAMillis,
            @ForAll @LongRange(min = 0, max = 100_000) long capBMillis,
            @ForAll @IntRange(min = 0, max = 40) int retry,
            @ForAll long seed) {
        Duration base = Duration.ofMillis(baseMillis);
        Backoff smaller = new Backoff(base, base.plusMillis(Math.min(capAMillis, capBMillis)));
        Backoff larger = new Backoff(base, base.plusMillis(Math.max(capAMillis, capBMillis)));

        Duration shorter = smaller.delay(retry, new SplittableRandom(seed));
        Duration longer = larger.delay(retry, new SplittableRandom(seed));

        assertThat(shorter).isLessThanOrEqualTo(longer);
    }

    @Property(tries = 200)
    void callsAreNeverCloserThanOneOverTheRateAndTakeAboutNOverR(
            @ForAll @IntRange(min = 1, max = 2_000) int documentedPerSecond,
            @ForAll @IntRange(min = 1, max = 10) int shareInTenths,
            @ForAll @IntRange(min = 1, max = 150) int calls) {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        FakeSleeper sleeper = new FakeSleeper(clock);
        SweepScope scope = new SweepScope(Provider.AWS, "111122223333", "us-east-1");
        ThrottlingKeySource provider = ThrottlingKeySource.recording(new FakeKeySource(scope, 10), clock);
        PacingPolicy policy = new PacingPolicy(documentedPerSecond, documentedPerSecond, true, shareInTenths / 10.0,
                PacingPolicy.DEFAULT_MAX_RETRIES, PacingPolicy.DEFAULT_BASE_BACKOFF, PacingPolicy.DEFAULT_MAX_BACKOFF);
        PacedKeySource source = PacedKeySource.paced(provider, policy, clock, sleeper, new SplittableRandom(1));
        double rate = policy.ratePerSecond(OperationClass.LIST);

        for (int i = 0; i < calls; i++) {
            if (i % 3 == 0) {
                source.describe(awsKey("k"));
            } else {
                source.list(Optional.empty());
            }
        }

        List<Instant> times = provider.callTimes();
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i)).toNanos())
                    .isGreaterThanOrEqualTo((long) Math.floor(1e9 / rate) - 1); // 1 ns of rounding
        }
        double waited = sleeper.total().toNanos() / 1e9;
        assertThat(waited).isBetween((calls - 1) / rate - 1e-6, calls / rate);
    }
}
