package io.keyledger.testkit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.OperationClass;
import io.keyledger.core.sweep.PacedKeySource;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.core.sweep.PacingQuota;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.ThrottledException;
import io.keyledger.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulated provider, on a clock the test moves: paging, deletions and quota enforcement. */
class QuotaEnforcingKeySourceTest {

    private static final SweepScope SCOPE = GeneratedKeys.scope(0);
    private static final List<ObservedKey> KEYS = GeneratedKeys.of(SCOPE, 25, new Random(1));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** One clock for the pacing and the provider, moved by the test or by sleeping. */
    private final MutableClock time = new MutableClock(START);

    @Test
    void listsEveryKeyInPagesAndDescribesThem() {
        QuotaEnforcingKeySource source = source(10, 1000, 1000);
        List<ObservedKey> listed = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            KeyListing page = source.list(cursor);
            listed.addAll(page.keys());
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(listed).isEqualTo(KEYS);
        assertThat(source.describe(KEYS.get(7).ref())).contains(KEYS.get(7));
    }

    @Test
    void deletedKeysAreNeitherListedNorDescribed() {
        QuotaEnforcingKeySource source = source(100, 1000, 1000);
        ObservedKey gone = KEYS.get(3);
        source.remove(List.of(gone.ref().id()));
        assertThat(source.list(Optional.empty()).keys()).hasSize(KEYS.size() - 1).doesNotContain(gone);
        assertThat(source.describe(gone.ref())).isEmpty();
    }

    @Test
    void refusesACallPastTheQuotaOfTheLastSecond() {
        QuotaEnforcingKeySource source = source(10, 3, 1000);
        for (int i = 0; i < 3; i++) {
            source.list(Optional.empty());
            time.advance(Duration.ofMillis(100));
        }
        assertThatThrownBy(() -> source.list(Optional.empty())).isInstanceOf(ThrottledException.class)
                .hasMessageContaining("LIST");
        time.advance(Duration.ofMillis(699));
        assertThatThrownBy(() -> source.list(Optional.empty())).isInstanceOf(ThrottledException.class);
        time.advance(Duration.ofMillis(1));
        source.list(Optional.empty());
        assertThat(source.describe(KEYS.get(0).ref())).isPresent();

        WindowStats lists = source.drain(OperationClass.LIST);
        assertThat(lists).isEqualTo(new WindowStats(4, 2, Duration.ofMillis(1000).toNanos(), 3));
        assertThat(source.drain(OperationClass.LIST).calls()).isZero();
        assertThat(source.drain(OperationClass.DESCRIBE).calls()).isEqualTo(1);
    }

    @Test
    void aSweepPacedAboveWhatTheProviderAllowsIsThrottledAndRetries() {
        // The pacing believes in 5 lists a second, the provider allows 4 (its documented rate was wrong,
        // or other clients share the quota): the provider refuses calls, and the pacing retries each one.
        QuotaEnforcingKeySource provider = source(1, 4, 1000);
        PacingPolicy policy = new PacingPolicy(5, 1000, false, 1.0, 5, Duration.ofMillis(100), Duration.ofSeconds(1));
        PacedKeySource paced = new PacedKeySource(provider, new PacingQuota(policy, time),
                time::advance, new Random(2));
        Optional<String> cursor = Optional.empty();
        do {
            cursor = paced.list(cursor).nextCursor();
        } while (cursor.isPresent());

        WindowStats lists = provider.drain(OperationClass.LIST);
        assertThat(lists.calls()).isEqualTo(KEYS.size());
        assertThat(lists.throttled()).isPositive().isEqualTo(paced.stats().retries());
        assertThat(paced.stats().givenUp()).isZero();
    }

    private QuotaEnforcingKeySource source(int pageSize, int listQuota, int describeQuota) {
        return new QuotaEnforcingKeySource(SCOPE, KEYS, pageSize, listQuota, describeQuota, this::nanos);
    }

    /** The provider's monotonic time: the nanoseconds the test's clock has moved. */
    private long nanos() {
        return Duration.between(START, time.instant()).toNanos();
    }
}
