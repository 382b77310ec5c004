package io.keyledger.core.sweep;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.holds;
import static io.keyledger.testkit.Fixtures.observed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.sweep.FakeKeySource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SweepRunnerTest {

    private static final String UNMAPPED_ACCOUNT = "999999999999";

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final TenantResolver tenants = (provider, account) -> {
        if (account.equals(UNMAPPED_ACCOUNT)) {
            throw new IllegalArgumentException("no tenant maps account " + UNMAPPED_ACCOUNT);
        }
        return "acme";
    };
    private final CoreServices services = CoreServices.of(store, clock,
            CoreSettings.DEFAULTS.withTenants(tenants).withoutAnomalyDetection());
    private final InventoryService inventory = services.inventory();

    private static SweepScope scope(String account) {
        return new SweepScope(Provider.AWS, account, "us-east-1");
    }

    private static String account(int i) {
        return String.format("1000000000%02d", i);
    }

    private LifecycleState state(KeyRef k) {
        return store.asset("acme", k.id()).orElseThrow().value().state();
    }

    /** Records which threads call it, and the most calls in flight at once across every source sharing the counters. */
    private static final class Observing implements KeySource {
        private final KeySource delegate;
        private final Set<String> threads;
        private final AtomicInteger inFlight;
        private final AtomicInteger mostInFlight;

        Observing(KeySource delegate, Set<String> threads, AtomicInteger inFlight, AtomicInteger mostInFlight) {
            this.delegate = delegate;
            this.threads = threads;
            this.inFlight = inFlight;
            this.mostInFlight = mostInFlight;
        }

        @Override
        public SweepScope scope() {
            return delegate.scope();
        }

        @Override
        public KeyListing list(Optional<String> cursor) {
            threads.add(Thread.currentThread().getName());
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return delegate.list(cursor);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public Optional<ObservedKey> describe(KeyRef key) {
            return delegate.describe(key);
        }
    }

    @Test
    void sweepsEveryScopeOnBoundedWorkersWithOneReportEach() {
        int scopes = 8;
        int parallelism = 3;
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<KeySource> sources = new ArrayList<>();
        for (int i = 0; i < scopes; i++) {
            FakeKeySource cloud = new FakeKeySource(scope(account(i)), 1);
            for (int k = 0; k <= i; k++) {
                cloud.add(observed(awsKey(account(i), "k" + k)));
            }
            sources.add(new Observing(cloud, threads, inFlight, mostInFlight));
        }

        List<SweepOutcome> outcomes = services.sweepRunner(parallelism).sweep("run-1", sources);

        assertThat(outcomes).extracting(o -> o.report().scope()).containsExactlyElementsOf(
                sources.stream().map(KeySource::scope).toList());
        for (int i = 0; i < scopes; i++) {
            SweepReport report = outcomes.get(i).report();
            String ownKeys = ":kms:us-east-1:" + account(i) + ":key/";
            assertThat(report.partial()).isFalse();
            assertThat(report.sweepId()).isEqualTo("run-1");
            assertThat(report.counts()).containsEntry(KeyClass.UNTRACKED, (long) i + 1);
            assertThat(report.keys()).allSatisfy(k -> assertThat(k.keyId()).contains(ownKeys));
        }
        assertThat(threads).isNotEmpty().hasSizeLessThanOrEqualTo(parallelism)
                .allSatisfy(t -> assertThat(t).startsWith("keyledger-sweep-run-1-"))
                .doesNotContain(Thread.currentThread().getName());
        assertThat(mostInFlight.get()).isBetween(1, parallelism);
        assertThat(store.sweepReports("acme", PageRequest.first(100)).items()).hasSize(scopes);
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();
    }

    @Test
    void oneFailingScopeNeverFailsTheOthers() {
        KeyRef ok = awsKey(account(1), "ok");
        KeyRef alsoOk = awsKey(account(4), "also-ok");
        KeySource healthy = new FakeKeySource(scope(account(1)), 10).add(observed(ok));
        KeySource outage = new FakeKeySource(scope(account(2)), 10).add(observed(awsKey(account(2), "x"))).failAfterPages(0);
        KeySource unmapped = new FakeKeySource(scope(UNMAPPED_ACCOUNT), 10);
        KeySource buggy = new KeySource() {
            @Override
            public SweepScope scope() {
                return SweepRunnerTest.scope(account(3));
            }

            @Override
            public KeyListing list(Optional<String> cursor) {
                return null;
            }

            @Override
            public Optional<ObservedKey> describe(KeyRef key) {
                return Optional.empty();
            }
        };
        KeySource alsoHealthy = new FakeKeySource(scope(account(4)), 10).add(observed(alsoOk));

        List<SweepOutcome> outcomes = services.sweepRunner(2)
                .sweep("run-1", List.of(healthy, outage, unmapped, buggy, alsoHealthy));

        assertThat(outcomes).extracting(SweepOutcome::complete).containsExactly(true, false, false, false, true);
        assertThat(outcomes.get(1).report().partialReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("listing failed", "ThrottlingException"));
        assertThat(outcomes.get(2).report().partialReason()).contains("sweep failed: java.lang.IllegalArgumentException: "
                + "no tenant maps account " + UNMAPPED_ACCOUNT + "; tenant unknown, so the report is not stored: "
                + "no tenant maps account " + UNMAPPED_ACCOUNT);
        assertThat(outcomes.get(2).report().tenant()).isEmpty();
        assertThat(outcomes.get(3).report().partialReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("sweep failed", "NullPointerException"));
        assertThat(outcomes.get(3).report().tenant()).isEqualTo("acme");
        assertThat(outcomes.get(3).resumeCursor()).isEmpty();
        assertThat(state(ok)).isEqualTo(LifecycleState.ACTIVE);
        assertThat(state(alsoOk)).isEqualTo(LifecycleState.ACTIVE);
        // Every scope with a known tenant has a stored report, failed ones included.
        assertThat(store.sweepReports("acme", PageRequest.first(100)).items())
                .extracting(r -> r.scope().account())
                .containsExactlyInAnyOrder(account(1), account(2), account(3), account(4));
    }

    @Test
    void eachScopesTenantIsResolvedOnceForTheWholeSweep() {
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        CoreServices counting = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withoutAnomalyDetection()
                .withTenants((provider, account) -> {
                    asked.add(account);
                    return "acme";
                }));
        List<KeySource> sources = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakeKeySource cloud = new FakeKeySource(scope(account(i)), 1);
            cloud.add(observed(awsKey(account(i), "a"))).add(observed(awsKey(account(i), "b")));
            sources.add(cloud);
        }
        holds(inventory, awsKey(account(0), "gone"));

        List<SweepOutcome> outcomes = counting.sweepRunner(2).sweep("run-1", sources);

        assertThat(outcomes).allSatisfy(o -> assertThat(o.report().corrections()).isPositive());
        assertThat(asked).containsExactlyInAnyOrder(account(0), account(1), account(2));
    }

    @Test
    void aScopeCutShortResumesFromItsCursorAndClassesNoKeyAsMissing() {
        SweepScope scope = scope(account(1));
        List<KeyRef> listed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            listed.add(awsKey(account(1), "k" + i));
        }
        KeyRef gone = awsKey(account(1), "gone");
        holds(inventory, listed.get(0), gone);
        FakeKeySource throttled = new FakeKeySource(scope, 2).failAfterPages(1);
        FakeKeySource recovered = new FakeKeySource(scope, 2);
        listed.forEach(k -> {
            throttled.add(observed(k));
            recovered.add(observed(k));
        });
        SweepRunner runner = services.sweepRunner(4);

        SweepOutcome first = runner.sweep("run-1", List.of(throttled)).get(0);
        SweepOutcome resumed = runner.run("run-2", List.of(ScopeSweep.after(recovered, first))).get(0);

        assertThat(first.complete()).isFalse();
        assertThat(first.resumeCursor()).contains("2");
        assertThat(first.report().keys()).extracting(SweptKey::keyId)
                .containsExactly(listed.get(0).id(), listed.get(1).id());

        assertThat(recovered.calls()).as("pages from the cursor on, and no direct reads").isEqualTo(2);
        assertThat(resumed.report().keys()).extracting(SweptKey::keyId)
                .containsExactly(listed.get(2).id(), listed.get(3).id(), listed.get(4).id());
        assertThat(resumed.report().counts()).containsEntry(KeyClass.MISSING, 0L).containsEntry(KeyClass.UNTRACKED, 3L);
        assertThat(resumed.report().partialReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("resumed from cursor 2", "no key is classed as missing"));
        assertThat(resumed.resumeCursor()).isEmpty();
        assertThat(state(gone)).isEqualTo(LifecycleState.ACTIVE);

        // The listing is done across two runs, but only a whole sweep may find the missing key.
        ScopeSweep next = ScopeSweep.after(recovered, resumed);
        assertThat(next.startCursor()).isEmpty();
        SweepOutcome whole = runner.run("run-3", List.of(next)).get(0);
        assertThat(whole.complete()).isTrue();
        assertThat(whole.report().counts()).containsEntry(KeyClass.MISSING, 1L);
        assertThat(state(gone)).isEqualTo(LifecycleState.DESTROYED);
    }

    @Test
    void aResumedSweepThatFailsOnItsFirstPageKeepsItsCursor() {
        FakeKeySource stillThrottled = new FakeKeySource(scope(account(1)), 2).failAfterPages(0);
        for (int i = 0; i < 5; i++) {
            stillThrottled.add(observed(awsKey(account(1), "k" + i)));
        }

        SweepOutcome outcome = services.sweepRunner(1)
                .run("run-2", List.of(ScopeSweep.resumeAt(stillThrottled, "2"))).get(0);

        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.resumeCursor()).contains("2");
    }

    @Test
    void aScopeMayAppearOnlyOnceInARun() {
        KeySource a = new FakeKeySource(scope(account(1)), 10);
        KeySource sameScope = new FakeKeySource(scope(account(1)), 10);

        assertThatThrownBy(() -> services.sweepRunner(2).sweep("run-1", List.of(a, sameScope)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scope aws:" + account(1) + ":us-east-1 appears twice in sweep run-1");
    }

    @Test
    void anEmptyRunSweepsNothingAndParallelismMustBePositive() {
        assertThat(services.sweepRunner(2).sweep("run-1", Collections.emptyList())).isEmpty();
        assertThatThrownBy(() -> services.sweepRunner(0)).hasMessageContaining("parallelism");
    }
}
