package io.keyledger.core.sweep;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.holds;
import static io.keyledger.testkit.Fixtures.observed;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.sweep.FakeKeySource;
import io.keyledger.testkit.sweep.ThrottlingKeySource;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reconciler over a paced source: throttling within the budget is invisible, past it the scope is partial. */
class PacedSweepTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final CoreServices services = Fixtures.services(store, clock, "acme");
    private final InventoryService inventory = services.inventory();
    private final Reconciler reconciler = services.reconciler();
    private final SweepScope scope = new SweepScope(Provider.AWS, "111122223333", "us-east-1");
    private final PacingPolicy policy = PacingPolicy.aws().withRetries(2, Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final KeyRef known = awsKey("known");
    private final KeyRef gap = awsKey("gap");
    private final KeyRef gone1 = awsKey("gone1");
    private final KeyRef gone2 = awsKey("gone2");

    private LifecycleState state(KeyRef k) {
        return store.asset("acme", k.id()).orElseThrow().value().state();
    }

    private PacedKeySource paced(KeySource provider) {
        return PacedKeySource.paced(provider, policy, clock, sleeper, new SplittableRandom(7));
    }

    @Test
    void throttlingWithinTheBudgetLeavesAWholeSweep() {
        holds(inventory, known, gone1);
        FakeKeySource cloud = new FakeKeySource(scope, 1).add(observed(known)).add(observed(gap));
        ThrottlingKeySource provider = new ThrottlingKeySource(cloud, clock, n -> n % 2 == 1);

        SweepOutcome outcome = reconciler.sweep("acme", "s1", paced(provider), Optional.empty());

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.resumeCursor()).isEmpty();
        assertThat(outcome.report().counts()).containsEntry(KeyClass.CONFIRMED, 1L)
                .containsEntry(KeyClass.UNTRACKED, 1L).containsEntry(KeyClass.MISSING, 1L);
        // Two pages and one direct read for the reconciler; each was throttled once first.
        assertThat(outcome.report().apiCalls()).isEqualTo(3);
        assertThat(outcome.pacing()).hasValueSatisfying(p -> {
            assertThat(p.calls()).isEqualTo(6).isEqualTo(provider.calls());
            assertThat(p.retries()).isEqualTo(3);
            assertThat(p.givenUp()).isZero();
        });
        assertThat(outcome.report().duration()).isEqualTo(sleeper.total());
    }

    @Test
    void aListingThrottledPastItsBudgetIsPartialClassesNothingMissingAndCanResume() {
        holds(inventory, known, gone1);
        FakeKeySource cloud = new FakeKeySource(scope, 1).add(observed(known)).add(observed(gap));
        ThrottlingKeySource provider = new ThrottlingKeySource(cloud, clock, n -> n >= 2);

        SweepOutcome outcome = reconciler.sweep("acme", "s1", paced(provider), Optional.empty());

        assertThat(outcome.report().partialReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("listing failed after 1 keys", "still throttled after 2 retries", "ThrottlingException"));
        assertThat(outcome.report().counts()).containsEntry(KeyClass.MISSING, 0L).containsEntry(KeyClass.CONFIRMED, 1L);
        assertThat(state(gone1)).isEqualTo(LifecycleState.ACTIVE);
        assertThat(outcome.resumeCursor()).contains("1");
        assertThat(outcome.pacing()).hasValueSatisfying(p -> {
            assertThat(p.givenUp()).isEqualTo(1);
            assertThat(p.calls()).isEqualTo(1 + 3);
        });
    }

    @Test
    void directReadsThrottledPastTheBudgetClassNothingMissingNotEvenKeysAlreadyConfirmedGone() {
        holds(inventory, known, gone1, gone2);
        FakeKeySource cloud = new FakeKeySource(scope, 10).add(observed(known));
        // Call 1 lists the one page, call 2 reads one gone key (not found), every later call is throttled.
        ThrottlingKeySource provider = new ThrottlingKeySource(cloud, clock, n -> n >= 3);

        SweepOutcome outcome = reconciler.sweep("acme", "s1", paced(provider), Optional.empty());

        assertThat(outcome.report().partialReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("direct read of", "still throttled", "1 key(s) confirmed gone are left for the next whole sweep"));
        assertThat(outcome.report().counts()).containsEntry(KeyClass.MISSING, 0L);
        assertThat(state(gone1)).isEqualTo(LifecycleState.ACTIVE);
        assertThat(state(gone2)).isEqualTo(LifecycleState.ACTIVE);
        assertThat(outcome.resumeCursor()).as("the listing was whole: nothing to resume").isEmpty();
    }
}
