package io.keyledger.gcp.cloudkms;

import static io.keyledger.gcp.cloudkms.GoogleCloudFakes.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.kms.inventory.v1.ProtectedResourcesSummary;
import com.google.cloud.resourcemanager.v3.Project;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Observation;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.ScopeSweep;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.gcp.firestore.LocalFirestore;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scope discovery and sweeps of an organisation's projects, with the real Google clients on the in-process fakes,
 * into the Firestore store on its emulator and into the in-memory store: paging, a denied key ring, throttling,
 * resumption in a later invocation, and the declared operations.
 */
class CloudKmsSweepEndToEndTest {

    enum Store { IN_MEMORY, FIRESTORE }

    private static final String ORG = "organizations/42";
    private static final String DATA = "acme-data";
    private static final String PROD = GoogleCloudFakes.PROJECT;
    @RegisterExtension
    static final LocalFirestore firestore = LocalFirestore.perClass();

    private final GoogleCloudFakes google = new GoogleCloudFakes();
    private final TenantMapping tenants = new TenantMapping(Map.of("gcp:" + PROD, "acme", "gcp:" + DATA, "acme"),
            "default");
    private String payments;
    private String locked;

    @AfterEach
    void close() {
        google.close();
    }

    private InventoryStore open(Store kind) {
        return kind == Store.FIRESTORE ? firestore.newStore(google.clock) : new InMemoryInventoryStore(google.clock);
    }

    private CoreServices services(InventoryStore store) {
        return CoreServices.of(store, google.clock, CoreSettings.DEFAULTS.withTenants(tenants).withoutAnomalyDetection());
    }

    /** An organisation: a folder with the production project (and a project being deleted), the data project at the top. */
    private void organisation() {
        String folder = google.resourceManager.folder(ORG, "prod");
        google.resourceManager.project(folder, PROD, Project.State.ACTIVE);
        google.resourceManager.project(folder, "acme-old", Project.State.DELETE_REQUESTED);
        google.resourceManager.project(ORG, DATA, Project.State.ACTIVE);
        payments = google.kms.keyRing(PROD, "europe-west1", "payments");
        for (int i = 0; i < 12; i++) {
            google.symmetricKey(payments, String.format("k%02d", i));
        }
        locked = google.kms.keyRing(PROD, "europe-west1", "locked");
        google.symmetricKey(locked, "held");
        google.symmetricKey(google.kms.keyRing(PROD, "global", "shared"), "root");
        google.symmetricKey(google.kms.keyRing(DATA, "us-central1", "lake"), "tables");
    }

    private GcpSweepConfig config() {
        return GcpSweepConfig.ofParent(ORG).withKms(CloudKmsSweepOptions.defaults().withPageSizes(5, 10, 100));
    }

    private List<SweepOutcome> sweep(CoreServices services, GcpSweepScopes scopes, String sweepId) {
        return services.sweepRunner(2).run(sweepId, scopes.scopes().scopes().stream()
                .map(s -> ScopeSweep.whole(scopes.keySource(s))).toList());
    }

    private static SweepOutcome of(List<SweepOutcome> outcomes, String project, String location) {
        return outcomes.stream().filter(o -> o.report().scope().equals(new SweepScope(Provider.GCP, project, location)))
                .findFirst().orElseThrow();
    }

    private static List<String> inventory(InventoryStore store) {
        return store.assets("acme", AssetQuery.ALL, PageRequest.first(PageRequest.MAX_LIMIT)).items().stream()
                .map(CryptoAsset::id).toList();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void everyProjectOfTheOrganisationIsSweptAndADeniedKeyRingLeavesItsKeysPartialNotMissing(Store kind) {
        // GIVEN an organisation, and the key of a key ring the sweep may not list, known from an event
        organisation();
        google.kms.deny("ListCryptoKeys", locked, "cloudkms.cryptoKeys.list");
        InventoryStore store = open(kind);
        CoreServices services = services(store);
        KeyRef held = new KeyRef(Provider.GCP, PROD, "europe-west1", locked + "/cryptoKeys/held");
        services.inventory().apply(List.of(Fixtures.event("create-held", CREATED, Action.CREATE, held)));
        GcpSweepScopes scopes = google.scopes(config());

        // WHEN every scope found is swept
        List<SweepOutcome> outcomes = sweep(services, scopes, "sweep-1");

        // THEN the active projects' locations were found, every listed key is in the inventory, and the denied
        // ring's scope is partial: its key is not missing
        assertThat(outcomes).extracting(o -> o.report().scope().id()).containsExactlyInAnyOrder(
                "gcp:acme-prod:europe-west1", "gcp:acme-prod:global", "gcp:acme-data:us-central1");
        assertThat(inventory(store)).hasSize(15);
        SweepOutcome europe = of(outcomes, PROD, "europe-west1");
        assertThat(europe.complete()).isFalse();
        assertThat(europe.report().partialReason()).hasValueSatisfying(r -> assertThat(r).contains("locked", "PERMISSION_DENIED"));
        assertThat(europe.report().keys()).hasSize(12);
        assertThat(store.asset("acme", held.id()).orElseThrow().value().state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(of(outcomes, PROD, "global").complete()).isTrue();
        assertThat(of(outcomes, DATA, "us-central1").complete()).isTrue();
        assertThat(store.sweepReports("acme", PageRequest.first(10)).items()).hasSize(3);
        assertThat(google.kms.throttled()).isZero();

        // WHEN access is granted and the next run resumes the partial scope from its cursor
        google.kms.allow("ListCryptoKeys", locked);
        google.clock.advance(Duration.ofHours(1));
        GcpSweepScopes next = google.scopes(config());
        SweepScope scope = europe.report().scope();
        SweepOutcome resumed = services(store).reconciler().sweep("acme", "sweep-2", next.keySource(scope),
                europe.resumeCursor());

        // THEN it lists only the ring it could not, and the held key is confirmed
        assertThat(resumed.report().keys()).extracting(k -> k.keyId()).containsExactly(held.id());
        assertThat(store.asset("acme", held.id()).orElseThrow().value().provenance().observation())
                .isEqualTo(Observation.FULL);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aSweepThrottledPastItsBudgetResumesInTheNextInvocation(Store kind) {
        // GIVEN a project whose read quota is far smaller than the documented one
        organisation();
        google.kms.readsPerMinute(PROD, 6);
        InventoryStore store = open(kind);
        SweepScope europe = new SweepScope(Provider.GCP, PROD, "europe-west1");

        // WHEN one invocation sweeps it, and later ones resume from where each stopped
        SweepOutcome first = services(store).reconciler().sweep("acme", "sweep-1",
                google.scopes(config()).keySource(europe), Optional.empty());
        SweepOutcome last = first;
        int invocations = 1;
        while (last.resumeCursor().isPresent() && invocations < 10) {
            google.clock.advance(Duration.ofMinutes(2));
            last = services(store).reconciler().sweep("acme", "sweep-" + (++invocations),
                    google.scopes(config()).keySource(europe), last.resumeCursor());
        }

        // THEN the first was cut short with a cursor, throttled reads were retried, and together they listed every key
        assertThat(first.complete()).isFalse();
        assertThat(first.resumeCursor()).isPresent();
        assertThat(first.report().partialReason()).hasValueSatisfying(r -> assertThat(r).contains("RESOURCE_EXHAUSTED"));
        assertThat(first.pacing()).hasValueSatisfying(p -> assertThat(p.retries()).isPositive());
        assertThat(google.kms.throttled()).isPositive();
        assertThat(invocations).isGreaterThan(1);
        assertThat(inventory(store)).filteredOn(id -> id.contains("/keyRings/payments/")).hasSize(12);
        assertThat(inventory(store)).filteredOn(id -> id.contains("/keyRings/locked/")).hasSize(1);
    }

    @Test
    void theSweepSendsEveryOperationItDeclaresAndNoOther() {
        // GIVEN an organisation whose projects and locations are to be found, KMS Inventory asked, and a key in
        // the inventory that Cloud KMS no longer has, which only a direct read can tell
        organisation();
        google.kms.protectedResources(payments + "/cryptoKeys/k00", ProtectedResourcesSummary.newBuilder()
                .setResourceCount(1).setProjectCount(1).putResourceTypes("storage.googleapis.com/Bucket", 1).build());
        InventoryStore store = open(Store.IN_MEMORY);
        CoreServices services = services(store);
        KeyRef gone = new KeyRef(Provider.GCP, DATA, "us-central1", "projects/" + DATA
                + "/locations/us-central1/keyRings/lake/cryptoKeys/gone");
        services.inventory().apply(List.of(Fixtures.event("create-gone", CREATED, Action.CREATE, gone)));
        GcpSweepScopes scopes = google.scopes(config().withKms(config().kms().withProtectedResources(true)));

        // WHEN the scopes are found and each is swept
        List<SweepOutcome> outcomes = sweep(services, scopes, "sweep-declared");

        // THEN every request the fakes received is a declared operation, and every declared one was sent
        assertThat(outcomes).allSatisfy(o -> assertThat(o.complete()).isTrue());
        assertThat(store.asset("acme", gone.id()).orElseThrow().value().state()).isEqualTo(LifecycleState.DESTROYED);
        Set<String> declared = Arrays.stream(GcpSweepOperation.values()).map(GcpSweepOperation::grpcMethod)
                .collect(Collectors.toSet());
        assertThat(google.apis.calls().keySet()).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(scopes.operations()).hasSize(GcpSweepOperation.values().length);
        assertThat(store.asset("acme", "gcp:" + payments + "/cryptoKeys/k00").orElseThrow().value().usageContext()
                .services()).contains("storage.googleapis.com");
    }
}
