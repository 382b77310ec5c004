package io.keyledger.core.assembly;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.observed;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.alert.AnomalyPolicy;
import io.keyledger.core.alert.Rule;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.IngestListener;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.alert.RecordingSink;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.sweep.FakeKeySource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CoreServicesTest {

    private static final String ACME_ACCOUNT = "111122223333";
    private static final String OTHER_ACCOUNT = "444455556666";

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final List<Alert> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<String> ingested = Collections.synchronizedList(new ArrayList<>());
    private final TenantMapping tenants = new TenantMapping(Map.of("aws:" + ACME_ACCOUNT, "acme"), "default");
    private final CoreSettings settings = CoreSettings.DEFAULTS
            .withTenants(tenants)
            .withAlertSinks(List.of(new RecordingSink(sent)))
            .withIngestListener(new IngestListener() {
                @Override
                public void applied(String tenant, KeyEvent event, boolean stateChanged) {
                    ingested.add(tenant + " " + event.eventId());
                }
            });

    private final KeyRef acmeKey = awsKey(ACME_ACCOUNT, "k1");

    @Test
    void eachServiceIsBuiltOnceAndTheSameInstanceIsHandedOut() {
        CoreServices services = CoreServices.of(store, clock, settings);

        assertThat(services.inventory()).isSameAs(services.inventory());
        assertThat(services.alerts()).isSameAs(services.alerts());
        assertThat(services.retention()).isSameAs(services.retention());
        assertThat(services.reconciler()).isSameAs(services.reconciler());
        assertThat(services.verifier()).isSameAs(services.verifier());
        assertThat(services.alerts().dispatcher()).isSameAs(services.alerts().dispatcher());
        assertThat(services.store()).isSameAs(store);
        assertThat(services.clock()).isSameAs(clock);
        assertThat(services.settings()).isEqualTo(settings);
    }

    @Test
    void threadsAskingAtOnceGetTheSameInstances() throws Exception {
        CoreServices services = CoreServices.of(store, clock, settings);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Object>>> asked = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<List<Object>> ask = () -> {
                    start.await();
                    return List.of(services.reconciler(), services.inventory(), services.alerts(),
                            services.retention());
                };
                asked.add(pool.submit(ask));
            }
            start.countDown();
            List<Object> first = asked.get(0).get();
            for (Future<List<Object>> f : asked) {
                List<Object> got = f.get();
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i)).isSameAs(first.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ingestResolvesTenantsReportsToTheListenerAndRaisesAlertsToTheSinks() {
        CoreServices services = CoreServices.of(store, clock, settings);
        KeyRef otherKey = awsKey(OTHER_ACCOUNT, "k2");

        services.inventory().apply(List.of(event("c1", T0, Action.CREATE, acmeKey),
                event("x1", T0.plusSeconds(1), Action.DECLARE_COMPROMISE, acmeKey),
                event("c2", T0, Action.CREATE, otherKey)));

        assertThat(services.inventory().asset("acme", acmeKey.id())).isPresent();
        assertThat(services.inventory().asset("default", otherKey.id())).isPresent();
        assertThat(ingested).containsExactly("acme c1", "acme x1", "default c2");
        assertThat(sent).extracting(Alert::rule).containsExactly(Rule.COMPROMISE_DECLARED);
        assertThat(services.alerts().dispatcher().delivered()).isEqualTo(1);
        assertThat(store.alerts("acme", Optional.empty(), PageRequest.first(10)).items()).hasSize(1);
    }

    @Test
    void thePoliciesReachTheAlertRules() {
        AnomalyPolicies policies = new AnomalyPolicies(AnomalyPolicy.DEFAULT, Map.of("acme", AnomalyPolicy.DEFAULT));
        CoreServices services = CoreServices.of(store, clock, settings.withPolicies(policies));

        assertThat(services.alerts().detector().policies()).isSameAs(policies);
    }

    @Test
    void withoutAnomalyDetectionIngestRaisesNoAlertButAlertsCanStillBeReviewed() {
        CoreServices services = CoreServices.of(store, clock, settings.withoutAnomalyDetection());

        services.inventory().apply(List.of(event("c1", T0, Action.CREATE, acmeKey),
                event("x1", T0.plusSeconds(1), Action.DECLARE_COMPROMISE, acmeKey)));

        assertThat(sent).isEmpty();
        assertThat(store.alerts("acme", Optional.empty(), PageRequest.first(10)).items()).isEmpty();
        assertThat(services.alerts().review("acme")).isEmpty();
    }

    @Test
    void sweepsResolveEachScopesTenantFromTheSettingsAndCorrectThroughTheOneInventory() {
        CoreServices services = CoreServices.of(store, clock, settings);
        SweepScope acme = new SweepScope(Provider.AWS, ACME_ACCOUNT, "us-east-1");
        SweepScope other = new SweepScope(Provider.AWS, OTHER_ACCOUNT, "us-east-1");
        FakeKeySource acmeCloud = new FakeKeySource(acme, 10).add(observed(acmeKey));
        FakeKeySource otherCloud = new FakeKeySource(other, 10).add(observed(awsKey(OTHER_ACCOUNT, "k2")));

        List<SweepOutcome> outcomes = services.sweepRunner(2).sweep("run-1", List.of(acmeCloud, otherCloud));

        assertThat(outcomes).extracting(o -> o.report().tenant()).containsExactly("acme", "default");
        assertThat(ingested).containsExactlyInAnyOrder("acme sweep:run-1:" + acmeKey.id(),
                "default sweep:run-1:" + awsKey(OTHER_ACCOUNT, "k2").id());
        assertThat(sent).extracting(Alert::rule).containsOnly(Rule.UNTRACKED_KEY);
        assertThat(services.verifier().verify("acme").intact()).isTrue();
    }

    @Test
    void theSystemClockIsUtc() {
        assertThat(CoreServices.systemClock().getZone()).isEqualTo(ZoneOffset.UTC);
    }

}
