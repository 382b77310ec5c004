package io.keyledger.core.sweep;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.holds;
import static io.keyledger.testkit.Fixtures.observed;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.event.Action;
import io.keyledger.core.ingest.HistoryEntry;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.sweep.FakeKeySource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final CoreServices services = Fixtures.services(store, clock, "acme");
    private final InventoryService inventory = services.inventory();
    private final Reconciler reconciler = services.reconciler();
    private final SweepScope scope = new SweepScope(Provider.AWS, "111122223333", "us-east-1");

    private final KeyRef known = awsKey("known");
    private final KeyRef drifted = awsKey("drifted");
    private final KeyRef gone = awsKey("gone");
    private final KeyRef hidden = awsKey("hidden");
    private final KeyRef gap = awsKey("gap");
    private final KeyRef denied = awsKey("denied");

    private CryptoAsset asset(KeyRef k) {
        return store.asset("acme", k.id()).orElseThrow().value();
    }

    @Test
    void classifiesEveryKeyAndCorrectsTheInventory() {
        holds(inventory, known, drifted, gone, hidden);
        FakeKeySource source = new FakeKeySource(scope, 2)
                .add(observed(known, "ACTIVE", "Enabled", "AES-256"))
                .add(observed(drifted, "SUSPENDED", "Disabled", "AES-256"))
                .add(observed(gap, "ACTIVE", "Enabled", "RSA-2048"))
                .addUnlisted(observed(hidden, "ACTIVE", "Enabled", "AES-256"));

        SweepReport report = reconciler.sweep("acme", "s1", source);

        assertThat(report.partial()).isFalse();
        assertThat(report.counts()).containsEntry(KeyClass.CONFIRMED, 2L).containsEntry(KeyClass.DRIFTED, 1L)
                .containsEntry(KeyClass.UNTRACKED, 1L).containsEntry(KeyClass.MISSING, 1L);
        assertThat(report.keys()).filteredOn(k -> k.keyClass() == KeyClass.DRIFTED).singleElement()
                .satisfies(k -> assertThat(k.reasons()).contains("state ACTIVE -> SUSPENDED", "nativeState Enabled -> Disabled"));
        assertThat(asset(drifted).state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(asset(gap).algorithm()).isEqualTo("RSA-2048");
        assertThat(asset(gone).state()).isEqualTo(LifecycleState.DESTROYED);
        assertThat(asset(gone).provenance().observationNote()).hasValueSatisfying(n -> assertThat(n)
                .contains("not observed in the audit trail"));
        assertThat(asset(hidden).state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(report.corrections()).isEqualTo(3);
        assertThat(report.inventoryCoverage()).isEqualTo(2.0 / 4);
        assertThat(report.eventCoverage()).isEqualTo(2.0 / 4);
        assertThat(report.apiCalls()).isEqualTo(source.calls());
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();
    }

    /**
     * Regression (the store-fault suite): a sweep whose corrections were applied but whose report failed to be stored
     * ran again and found the keys it had corrected no longer missing or untracked, so their audit-gap alerts were
     * never raised.
     */
    @Test
    void aSweepRunAgainAfterItsCorrectionsWereAppliedReportsAndAlertsAsTheFirstRunWould() {
        boolean[] failOnce = {true};
        io.keyledger.core.store.InventoryStore failingReport = io.keyledger.core.store.StoreParts.of(store)
                .withSweepReports(new io.keyledger.core.store.SweepReportStore() {
                    @Override
                    public void putSweepReport(SweepReport report) {
                        if (failOnce[0]) {
                            failOnce[0] = false;
                            throw new IllegalStateException("timed out");
                        }
                        store.putSweepReport(report);
                    }

                    @Override
                    public io.keyledger.core.store.Page<SweepReport> sweepReports(String tenant, PageRequest page) {
                        return store.sweepReports(tenant, page);
                    }
                }).compose();
        CoreServices faulty = CoreServices.of(failingReport, clock, io.keyledger.core.assembly.CoreSettings.DEFAULTS
                .withTenants(io.keyledger.core.tenant.TenantResolver.single("acme")));
        faulty.inventory().apply(List.of(event("c-known", T0, Action.CREATE, known, Map.of("algorithm", "AES-256",
                "nativeState", "Enabled")), event("c-drifted", T0, Action.CREATE, drifted, Map.of("algorithm", "AES-256",
                "nativeState", "Enabled")), event("c-gone", T0, Action.CREATE, gone, Map.of("algorithm", "AES-256",
                "nativeState", "Enabled"))));
        FakeKeySource source = new FakeKeySource(scope, 10).add(observed(known, "ACTIVE", "Enabled", "AES-256"))
                .add(observed(drifted, "SUSPENDED", "Disabled", "AES-256")).add(observed(gap, "ACTIVE", "Enabled", "AES-256"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> faulty.reconciler().sweep("acme", "s1", source))
                .hasMessage("timed out");
        SweepReport again = faulty.reconciler().sweep("acme", "s1", source);

        assertThat(again.counts()).containsEntry(KeyClass.CONFIRMED, 1L).containsEntry(KeyClass.DRIFTED, 1L)
                .containsEntry(KeyClass.UNTRACKED, 1L).containsEntry(KeyClass.MISSING, 1L);
        assertThat(store.alerts("acme", Optional.empty(), PageRequest.first(100)).items())
                .extracting(a -> a.rule().name() + " " + a.keyId().orElseThrow())
                .containsExactlyInAnyOrder("UNTRACKED_KEY " + gap.id(), "DESTRUCTION_NOT_OBSERVED " + gone.id());
        assertThat(inventory.history("acme", gone.id())).hasSize(2);
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();
    }

    @Test
    void correctionsAreLedgeredEventsWhoseSourceIsTheSweep() {
        holds(inventory, drifted);

        reconciler.sweep("acme", "s1",
                new FakeKeySource(scope, 10).add(observed(drifted, "SUSPENDED", "Disabled", "AES-256")));

        HistoryEntry correction = inventory.history("acme", drifted.id()).get(1);
        assertThat(correction.stored().event().source().kind()).isEqualTo("sweep");
        assertThat(correction.stored().event().source().location()).isEqualTo("s1");
        assertThat(correction.stored().event().actor().principal()).isEqualTo("keyledger-sweep");
        assertThat(correction.after()).contains(LifecycleState.SUSPENDED);
    }

    @Test
    void aPartialScopeNeverTreatsAKeyAsMissing() {
        holds(inventory, known, gone);
        FakeKeySource source = new FakeKeySource(scope, 1).add(observed(known, "ACTIVE", "Enabled", "AES-256"))
                .add(observed(gap, "ACTIVE", "Enabled", "AES-256")).failAfterPages(1);

        SweepReport report = reconciler.sweep("acme", "s1", source);

        assertThat(report.partialReason()).hasValueSatisfying(r -> assertThat(r).contains("ThrottlingException"));
        assertThat(report.counts()).containsEntry(KeyClass.MISSING, 0L).containsEntry(KeyClass.CONFIRMED, 1L);
        assertThat(asset(gone).state()).isEqualTo(LifecycleState.ACTIVE);
    }

    @Test
    void aKeyWhoseDetailsAreDeniedIsKeptAsPartiallyObservedAndNeverFailsTheScope() {
        FakeKeySource source = new FakeKeySource(scope, 10)
                .add(new ObservedKey(denied, Map.of(), List.of(), Optional.of("DescribeKey: AccessDeniedException")))
                .add(observed(gap, "ACTIVE", "Enabled", "AES-256"));

        SweepReport report = reconciler.sweep("acme", "s1", source);

        assertThat(report.partial()).isFalse();
        assertThat(asset(denied).partiallyObserved()).isTrue();
        assertThat(asset(denied).provenance().observationNote()).contains("DescribeKey: AccessDeniedException");
        assertThat(asset(gap).partiallyObserved()).isFalse();
    }

    @Test
    void aSecondSweepOfAnUnchangedCloudConfirmsEverythingAndChangesNothing() {
        FakeKeySource source = new FakeKeySource(scope, 10).add(observed(gap, "ACTIVE", "Enabled", "AES-256"));
        reconciler.sweep("acme", "s1", source);
        long ledger = store.ledgerHead("acme").sequence();

        SweepReport second = reconciler.sweep("acme", "s2", source);

        assertThat(second.counts()).containsEntry(KeyClass.CONFIRMED, 1L);
        assertThat(second.corrections()).isZero();
        assertThat(second.eventCoverage()).isZero();
        assertThat(store.ledgerHead("acme").sequence()).isEqualTo(ledger);
    }

    @Test
    void reportsAreStoredNewestFirst() {
        FakeKeySource source = new FakeKeySource(scope, 10).add(observed(gap, "ACTIVE", "Enabled", "AES-256"));
        reconciler.sweep("acme", "s1", source);
        clock.advance(java.time.Duration.ofHours(1));
        reconciler.sweep("acme", "s2", source);

        assertThat(store.sweepReports("acme", PageRequest.first(10)).items()).extracting(SweepReport::sweepId)
                .containsExactly("s2", "s1");
    }
}
