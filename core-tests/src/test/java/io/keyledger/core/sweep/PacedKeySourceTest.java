package io.keyledger.core.sweep;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.gcpKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.sweep.FakeKeySource;
import io.keyledger.testkit.sweep.ThrottlingKeySource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class PacedKeySourceTest {

    private static final long SEED = 20260301L;

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final SweepScope scope = new SweepScope(Provider.AWS, "111122223333", "us-east-1");

    private static ObservedKey observed(KeyRef ref) {
        return new ObservedKey(ref, Map.of("state", "ACTIVE"), List.of(), Optional.empty());
    }

    private FakeKeySource keys(SweepScope in, int count) {
        FakeKeySource source = new FakeKeySource(in, 1);
        for (int i = 0; i < count; i++) {
            source.add(observed(in.provider() == Provider.GCP ? gcpKey(in.account(), "k" + i) : awsKey("k" + i)));
        }
        return source;
    }

    private PacedKeySource paced(KeySource source, PacingPolicy policy) {
        return PacedKeySource.paced(source, policy, clock, sleeper, new SplittableRandom(SEED));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static List<Double> gaps(List<Instant> times) {
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(seconds(Duration.between(times.get(i - 1), times.get(i))));
        }
        return gaps;
    }

    @Test
    void listingIsPacedAtTheSharedRateOnTheInjectedClock() {
        int pages = 200;
        PacingPolicy policy = PacingPolicy.aws();
        double rate = policy.ratePerSecond(OperationClass.LIST);
        ThrottlingKeySource provider = ThrottlingKeySource.recording(keys(scope, pages), clock);
        PacedKeySource source = paced(provider, policy);
        Instant start = clock.instant();

        Optional<String> cursor = Optional.empty();
        do {
            cursor = source.list(cursor).nextCursor();
        } while (cursor.isPresent());

        assertThat(rate).isEqualTo(250.0);
        assertThat(provider.calls()).isEqualTo(pages);
        // The bucket holds one token: the first call goes at once, each later one 1/R after the last.
        assertThat(seconds(sleeper.total())).isCloseTo((pages - 1) / rate, within(1e-6))
                .isLessThanOrEqualTo(pages / rate);
        assertThat(Duration.between(start, clock.instant())).isEqualTo(sleeper.total());
        assertThat(gaps(provider.callTimes())).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(1 / rate - 1e-9));
        assertThat(source.stats().calls()).isEqualTo(pages);
        assertThat(source.stats().quotaWait()).isEqualTo(sleeper.total());
        assertThat(source.stats().backoffWait()).isZero();
    }

    @Test
    void awsPacesListsAndDescribesEachAtItsOwnRate() {
        FakeKeySource keys = keys(scope, 3);
        ThrottlingKeySource lists = ThrottlingKeySource.recording(keys, clock);
        PacedKeySource source = paced(lists, PacingPolicy.aws());

        for (int i = 0; i < 50; i++) {
            source.list(Optional.empty());
            source.describe(awsKey("k1"));
        }

        List<Instant> times = lists.callTimes();
        List<Instant> listTimes = new ArrayList<>();
        List<Instant> describeTimes = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            (i % 2 == 0 ? listTimes : describeTimes).add(times.get(i));
        }
        assertThat(gaps(listTimes)).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(1 / 250.0 - 1e-9));
        // Describes (1000/s documented, half of it used) never wait behind the slower listing bucket.
        assertThat(source.stats().quotaWait().toNanos() / 1e9).isCloseTo(49 / 250.0, within(1e-6));
    }

    @Test
    void scopesOfOneGoogleProjectShareItsReadQuota() {
        PacingQuota project = new PacingQuota(PacingPolicy.gcp(), clock);
        SweepScope europe = new SweepScope(Provider.GCP, "acme-prod", "europe-west1");
        SweepScope us = new SweepScope(Provider.GCP, "acme-prod", "us-central1");
        ThrottlingKeySource europeCalls = ThrottlingKeySource.recording(keys(europe, 5), clock);
        ThrottlingKeySource usCalls = ThrottlingKeySource.recording(keys(us, 5), clock);
        PacedKeySource inEurope = new PacedKeySource(europeCalls, project, sleeper, new SplittableRandom(SEED));
        PacedKeySource inUs = new PacedKeySource(usCalls, project, sleeper, new SplittableRandom(SEED));
        Instant start = clock.instant();

        for (int i = 0; i < 5; i++) {
            inEurope.list(Optional.empty());
            inUs.describe(gcpKey("acme-prod", "k0"));
        }

        // 300 reads a minute, half of it: one read every 0.4 s across both scopes, lists and gets alike.
        assertThat(PacingPolicy.gcp().ratePerSecond(OperationClass.DESCRIBE)).isEqualTo(2.5);
        List<Instant> all = new ArrayList<>(europeCalls.callTimes());
        all.addAll(usCalls.callTimes());
        all.sort(null);
        assertThat(gaps(all)).hasSize(9).allSatisfy(g -> assertThat(g).isCloseTo(0.4, within(1e-6)));
        assertThat(seconds(Duration.between(start, clock.instant()))).isCloseTo(3.6, within(1e-6));
    }

    @Test
    void aThrottledCallIsRetriedAfterAJitteredBackoffWithinItsCeiling() {
        ThrottlingKeySource provider = new ThrottlingKeySource(keys(scope, 2), clock, n -> n <= 3);
        PacingPolicy policy = PacingPolicy.aws().withRetries(5, Duration.ofSeconds(1), Duration.ofSeconds(3));
        PacedKeySource source = paced(provider, policy);
        Instant start = clock.instant();

        KeyListing page = source.list(Optional.empty());

        assertThat(page.keys()).hasSize(1);
        PacingStats stats = source.stats();
        assertThat(stats.calls()).isEqualTo(4);
        assertThat(stats.retries()).isEqualTo(3);
        assertThat(stats.givenUp()).isZero();
        // The same seed gives the same draws: the backoff waited is exactly the three jittered delays.
        Backoff backoff = policy.backoff();
        SplittableRandom replay = new SplittableRandom(SEED);
        Duration expected = Duration.ZERO;
        for (int retry = 0; retry < 3; retry++) {
            Duration delay = backoff.delay(retry, replay);
            assertThat(delay).isBetween(Duration.ZERO, backoff.ceiling(retry));
            expected = expected.plus(delay);
        }
        assertThat(stats.backoffWait()).isEqualTo(expected);
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(3));
        assertThat(sleeper.waits()).allSatisfy(w -> assertThat(w).isBetween(Duration.ZERO, Duration.ofSeconds(3)));
        assertThat(Duration.between(start, clock.instant())).isEqualTo(stats.waited()).isEqualTo(sleeper.total());
    }

    @Test
    void pastItsRetryBudgetACallFailsWithTheProvidersSignal() {
        ThrottlingKeySource provider = new ThrottlingKeySource(keys(scope, 2), clock, n -> true);
        PacedKeySource source = paced(provider,
                PacingPolicy.aws().withRetries(3, Duration.ofMillis(100), Duration.ofSeconds(2)));

        assertThatThrownBy(() -> source.describe(awsKey("k0")))
                .isInstanceOf(ThrottledException.class)
                .hasMessageContaining("describe of aws:111122223333:us-east-1 still throttled after 3 retries")
                .hasMessageContaining("ThrottlingException")
                .hasCauseInstanceOf(ThrottledException.class);
        assertThat(provider.calls()).isEqualTo(4);
        assertThat(source.stats()).satisfies(s -> {
            assertThat(s.retries()).isEqualTo(3);
            assertThat(s.givenUp()).isEqualTo(1);
            assertThat(s.backoffWait()).isLessThanOrEqualTo(Duration.ofMillis(100 + 200 + 400));
        });
    }

    @Test
    void noRetriesMeansTheFirstThrottleFails() {
        ThrottlingKeySource provider = new ThrottlingKeySource(keys(scope, 2), clock, n -> true);
        PacedKeySource source = paced(provider,
                PacingPolicy.aws().withRetries(0, Duration.ofMillis(100), Duration.ofSeconds(2)));

        assertThatThrownBy(() -> source.list(Optional.empty())).isInstanceOf(ThrottledException.class);
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void theProvidersRetryHintLengthensTheWaitUpToTheCap() {
        PacingPolicy policy = PacingPolicy.azure().withRetries(2, Duration.ofSeconds(1), Duration.ofSeconds(32));
        ThrottlingKeySource asksFiveSeconds = new ThrottlingKeySource(keys(scope, 2), clock, n -> n == 1,
                Optional.of(Duration.ofSeconds(5)));
        PacedKeySource polite = paced(asksFiveSeconds, policy);
        polite.list(Optional.empty());
        assertThat(polite.stats().backoffWait()).isEqualTo(Duration.ofSeconds(5));

        ThrottlingKeySource asksTenMinutes = new ThrottlingKeySource(keys(scope, 2), clock, n -> n == 1,
                Optional.of(Duration.ofMinutes(10)));
        PacedKeySource capped = paced(asksTenMinutes, policy);
        capped.list(Optional.empty());
        assertThat(capped.stats().backoffWait()).isEqualTo(Duration.ofSeconds(32));
    }

    @Test
    void otherFailuresAreNotRetried() {
        KeySource broken = new FakeKeySource(scope, 1).failAfterPages(0);
        PacedKeySource source = paced(broken, PacingPolicy.aws());

        assertThatThrownBy(() -> source.list(Optional.empty())).isInstanceOf(IllegalStateException.class);
        assertThat(source.stats().calls()).isEqualTo(1);
        assertThat(source.stats().retries()).isZero();
    }

    @Test
    void anInterruptedWaitEndsTheCallAndKeepsTheInterrupt() {
        Sleeper interrupted = d -> {
            throw new InterruptedException("stop");
        };
        ThrottlingKeySource provider = new ThrottlingKeySource(keys(scope, 2), clock, n -> true);
        PacedKeySource source = PacedKeySource.paced(provider, PacingPolicy.aws(), clock, interrupted,
                new SplittableRandom(SEED));

        try {
            assertThatThrownBy(() -> source.list(Optional.empty())).isInstanceOf(CancellationException.class)
                    .hasMessageContaining("interrupted while pacing a LIST call");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(provider.calls()).isEqualTo(1);
    }

    @Test
    void statsSinceAnEarlierSnapshotCountOnlyWhatCameAfter() {
        PacingStats earlier = new PacingStats(3, 1, 0, Duration.ofSeconds(1), Duration.ofSeconds(2));
        PacingStats later = new PacingStats(10, 4, 1, Duration.ofSeconds(5), Duration.ofSeconds(3));

        assertThat(later.since(earlier))
                .isEqualTo(new PacingStats(7, 3, 1, Duration.ofSeconds(4), Duration.ofSeconds(1)));
        assertThat(later.summary()).isEqualTo("10 calls, 4 retries, 1 given up; waited PT5S for quota, PT3S in backoff");
    }
}
