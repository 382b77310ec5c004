package io.keyledger.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.keyledger.azure.tables.InventoryTables;
import io.keyledger.azure.tables.TablesInventoryStore;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Observation;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.ScopeSweep;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweptKey;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.azure.Azurite;
import io.keyledger.testkit.azure.FakeAzure;
import io.keyledger.testkit.azure.FakeVault;
import io.keyledger.testkit.emulator.EmulatorPerClass;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Azure sweep end to end on the fakes: the scopes are found through Resource Manager (a management group's
 * subscriptions, their vaults and managed HSMs), each vault is listed by the real {@code KeyClient} over TLS and
 * reconciled into the store, which then holds the reports. It runs into the in-memory store and into the Tables
 * store on Azurite: the sweep writes through the store interface alone, so both must end the same.
 */
class AzureSweepEndToEndTest {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String PROD = "6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
    static final String DEV = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    static final Instant CREATED = Instant.parse("2026-01-10T08:00:00Z");

    enum Store { IN_MEMORY, TABLES }

    private static final AtomicInteger TABLES = new AtomicInteger();
    @RegisterExtension
    static final EmulatorPerClass<Azurite> azurite = EmulatorPerClass.of(Azurite::start);
    private static TableServiceClient tableService;

    private final FakeAzure azure = new FakeAzure(TENANT);
    private final MutableClock clock = MutableClock.at("2026-03-01T02:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final TenantMapping tenants = new TenantMapping(Map.of("azure:" + PROD, "acme", "azure:" + DEV, "acme"),
            "default");

    @BeforeAll
    static void tableClient() {
        tableService = new TableServiceClientBuilder().connectionString(azurite.get().connectionString()).buildClient();
    }

    @AfterEach
    void close() {
        azure.close();
    }

    private InventoryStore open(Store kind) {
        return switch (kind) {
            case IN_MEMORY -> new InMemoryInventoryStore(clock);
            case TABLES -> TablesInventoryStore.builder(tableService,
                    InventoryTables.named("sweepe2e" + TABLES.incrementAndGet()).ensure(tableService)).clock(clock).build();
        };
    }

    private CoreServices services(InventoryStore store) {
        return CoreServices.of(store, clock, CoreSettings.DEFAULTS.withTenants(tenants).withoutAnomalyDetection());
    }

    /** A sweep's scopes as a new function invocation builds them: by management group, or every subscription. */
    private AzureSweepScopes scopes(Optional<String> managementGroup) {
        return new AzureSweepScopes(AzureSweepConfig.defaults().withManagementGroup(managementGroup)
                .withSdkRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)),
                azure.credential(), azure.httpClient(), clock, sleeper, new Random(11));
    }

    /** Two subscriptions of a management group: an RBAC vault, a vault that denies its data plane, a managed HSM. */
    private void organisation() {
        azure.managementGroup("contoso", Optional.empty());
        azure.managementGroup("contoso-prod", Optional.of("contoso"));
        azure.subscription(PROD, "prod", Optional.of("contoso-prod"));
        azure.subscription(DEV, "dev", Optional.of("contoso"));
        azure.armPageSize(1);
        FakeVault kv = azure.vault(PROD, "rg-keys", "contoso-kv").pageSize(2);
        kv.addKey("payments-cmk", CREATED).tag("Owner", "payments").rotatesEvery("P90D");
        kv.addKey("orders-cmk", CREATED).newVersion(CREATED.plusSeconds(86_400));
        kv.addKey("signing", CREATED).ec("P-384", false);
        kv.addKey("tls-cert", CREATED).managed();
        kv.addKey("retired", CREATED);
        kv.delete("retired", CREATED.plusSeconds(3600));
        FakeVault locked = azure.vault(DEV, "rg-dev", "dev-kv").accessPolicies().denyDataPlane();
        locked.addKey("dev-cmk", CREATED).rotatesEvery("P30D");
        FakeVault hsm = azure.managedHsm(PROD, "rg-keys", "contoso-mhsm");
        hsm.addKey("ml-artifacts", CREATED).oct(256);
    }

    private List<SweepOutcome> sweepAll(AzureSweepScopes scopes, InventoryStore store, String sweepId) {
        VaultScopes.ScopeListing listing = scopes.scopes();
        assertThat(listing.unreachableSubscriptions()).isEmpty();
        return services(store).sweepRunner(2).run(sweepId,
                listing.scopes().stream().map(s -> ScopeSweep.whole(scopes.keySource(s))).toList());
    }

    private static SweepReport report(List<SweepOutcome> outcomes, String vault) {
        return outcomes.stream().map(SweepOutcome::report).filter(r -> r.scope().location().equals(vault)).findFirst()
                .orElseThrow();
    }

    private static Map<String, SweptKey> byKey(SweepReport report) {
        return report.keys().stream().collect(Collectors.toMap(SweptKey::keyId, k -> k));
    }

    private static String id(String vault, String key) {
        return "azure:https://" + vault + (vault.endsWith("mhsm") ? ".managedhsm.azure.net" : ".vault.azure.net") + "/keys/" + key;
    }

    @ParameterizedTest(name = "into the {0} store")
    @EnumSource(Store.class)
    void aManagementGroupIsSweptVaultByVaultAndTheSecondSweepFindsWhatChanged(Store kind) {
        organisation();
        InventoryStore store = open(kind);

        // WHEN the whole management group is swept
        List<SweepOutcome> first = sweepAll(scopes(Optional.of("contoso")), store, "sweep-1");

        // THEN every vault is a scope, every key is in the inventory as Key Vault describes it
        assertThat(first).extracting(o -> o.report().scope().location())
                .containsExactlyInAnyOrder("contoso-kv", "contoso-mhsm", "dev-kv");
        SweepReport kv = report(first, "contoso-kv");
        assertThat(kv.partialReason()).isEmpty();
        assertThat(kv.keys()).hasSize(5).allSatisfy(k -> assertThat(k.keyClass()).isEqualTo(KeyClass.UNTRACKED));
        CryptoAsset payments = services(store).inventory().asset("acme", id("contoso-kv", "payments-cmk")).orElseThrow();
        assertThat(payments.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(payments.algorithm()).isEqualTo("RSA-2048");
        assertThat(payments.rotation().enabled()).isTrue();
        assertThat(payments.tags()).containsEntry("Owner", "payments");
        // ... with what only a listing tells: the vault's access model, the recovery level and window, the last update
        assertThat(payments.access().model()).contains("rbac");
        assertThat(payments.destruction().recoveryLevel()).contains("Recoverable+Purgeable");
        assertThat(payments.destruction().delay()).contains(Duration.ofDays(90));
        assertThat(payments.dates().updatedAt()).contains(CREATED);
        CryptoAsset retired = services(store).inventory().asset("acme", id("contoso-kv", "retired")).orElseThrow();
        assertThat(retired.dates().destructionRequestedAt()).contains(CREATED.plusSeconds(3600));
        assertThat(retired.dates().destructionScheduledAt()).hasValueSatisfying(purge ->
                assertThat(purge).isAfter(CREATED.plusSeconds(3600)));
        assertThat(services(store).inventory().asset("acme", id("contoso-mhsm", "ml-artifacts")).orElseThrow()
                .access().model()).contains("rbac");
        assertThat(services(store).inventory().asset("acme", id("contoso-kv", "orders-cmk")).orElseThrow().versions())
                .hasSize(2);
        assertThat(services(store).inventory().asset("acme", id("contoso-kv", "retired")).orElseThrow().state())
                .isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(services(store).inventory().asset("acme", id("contoso-kv", "tls-cert")).orElseThrow().description())
                .contains("backs certificate tls-cert");
        assertThat(services(store).inventory().asset("acme", id("contoso-mhsm", "ml-artifacts")).orElseThrow().algorithm())
                .isEqualTo("AES-256");

        // ... and the vault that denies its data plane is partially observed through Resource Manager, never empty
        SweepReport locked = report(first, "dev-kv");
        assertThat(locked.partialReason()).hasValueSatisfying(why -> assertThat(why)
                .contains("deleted keys").contains("access policies"));
        assertThat(locked.keys()).singleElement().satisfies(k -> {
            assertThat(k.partiallyObserved()).isTrue();
        });
        CryptoAsset devCmk = services(store).inventory().asset("acme", id("dev-kv", "dev-cmk")).orElseThrow();
        assertThat(devCmk.provenance().observation()).isEqualTo(Observation.PARTIAL);
        assertThat(devCmk.provenance().observationNote()).hasValueSatisfying(note -> assertThat(note)
                .contains("refused the key listing").contains("AccessDenied")
                .contains("key permissions list, get and getrotationpolicy").contains("Resource Manager"));
        assertThat(devCmk.rotation().enabled()).isTrue();
        assertThat(devCmk.access().model()).contains("access-policies");

        // WHEN Key Vault changes behind the inventory's back and the vault is swept again
        FakeVault contoso = azure.existing("contoso-kv");
        contoso.addKey("new-key", CREATED.plusSeconds(7200));
        contoso.key("signing").orElseThrow().enabled(false);
        contoso.purge("payments-cmk");
        clock.advance(Duration.ofHours(1));
        List<SweepOutcome> second = sweepAll(scopes(Optional.of("contoso")), store, "sweep-2");

        // THEN the report classes each change
        Map<String, SweptKey> keys = byKey(report(second, "contoso-kv"));
        assertThat(keys.get(id("contoso-kv", "orders-cmk")).keyClass()).isEqualTo(KeyClass.CONFIRMED);
        assertThat(keys.get(id("contoso-kv", "signing")).keyClass()).isEqualTo(KeyClass.DRIFTED);
        assertThat(keys.get(id("contoso-kv", "signing")).reasons()).contains("state ACTIVE -> SUSPENDED");
        assertThat(keys.get(id("contoso-kv", "new-key")).keyClass()).isEqualTo(KeyClass.UNTRACKED);
        assertThat(keys.get(id("contoso-kv", "payments-cmk")).keyClass()).isEqualTo(KeyClass.MISSING);
        assertThat(services(store).inventory().asset("acme", id("contoso-kv", "payments-cmk")).orElseThrow().state())
                .isEqualTo(LifecycleState.DESTROYED);
        assertThat(store.sweepReports("acme", PageRequest.first(20)).items()).hasSize(6);
        assertThat(azure.operations()).as("what the sweep sent is what it declares").isNotEmpty()
                .isSubsetOf(declared(AzureSweepOperation.operations()));
    }

    @Test
    void aThrottledVaultIsRetriedAfterItsRetryAfterAndAnInterruptedSweepResumesInTheNextInvocation() {
        organisation();
        InventoryStore store = open(Store.IN_MEMORY);
        AzureSweepScopes firstInvocation = scopes(Optional.of("contoso"));
        AzureVault kv = firstInvocation.scopes().scopes().stream().filter(s -> s.location().equals("contoso-kv"))
                .map(firstInvocation::vault).findFirst().orElseThrow();
        FakeVault fake = azure.existing("contoso-kv");

        // WHEN the vault throttles twice with Retry-After: 7, then, on the next page, more often than the budget allows
        fake.throttleNext(2, 7);
        SweepOutcome retried = services(store).reconciler().sweep("acme", "sweep-1",
                firstInvocation.keySource(kv), Optional.empty());
        assertThat(retried.complete()).isTrue();
        assertThat(sleeper.waits()).filteredOn(w -> w.equals(Duration.ofSeconds(7))).hasSize(2);
        assertThat(retried.pacing().orElseThrow().retries()).isEqualTo(2);

        AzureSweepScopes secondInvocation = scopes(Optional.of("contoso"));
        var source = secondInvocation.keySource(kv);
        var firstPage = source.list(Optional.empty());
        fake.throttleNext(100, 1);
        SweepOutcome cut = services(store).reconciler().sweep("acme", "sweep-2", source, firstPage.nextCursor());
        assertThat(cut.complete()).isFalse();
        assertThat(cut.resumeCursor()).isEqualTo(firstPage.nextCursor());

        // THEN a later invocation, with new clients, resumes from the cursor and lists the rest
        fake.throttleNext(0, 0);
        AzureSweepScopes thirdInvocation = scopes(Optional.of("contoso"));
        SweepOutcome resumed = services(store).reconciler().sweep("acme", "sweep-3",
                thirdInvocation.keySource(kv.scope()), cut.resumeCursor());
        assertThat(resumed.report().keys()).extracting(SweptKey::keyId).containsExactlyInAnyOrder(
                id("contoso-kv", "signing"), id("contoso-kv", "tls-cert"), id("contoso-kv", "retired"));
        assertThat(resumed.report().partialReason()).hasValueSatisfying(why -> assertThat(why).contains("resumed from cursor"));
        assertThat(resumed.resumeCursor()).isEmpty();
    }

    @Test
    void theSweepSendsEveryOperationItDeclaresAndNoOther() {
        // GIVEN vaults that need every read: a denied vault and a denied HSM (Resource Manager's key listings),
        // keys that go missing (the direct reads of live and deleted keys), and both ways to find subscriptions
        organisation();
        azure.managedHsm(DEV, "rg-dev", "dev-mhsm").denyDataPlane().addKey("dev-hsm-key", CREATED);
        InventoryStore store = open(Store.IN_MEMORY);
        sweepAll(scopes(Optional.of("contoso")), store, "sweep-1");
        azure.existing("contoso-kv").purge("orders-cmk");
        azure.existing("contoso-mhsm").purge("ml-artifacts");

        // WHEN every visible subscription is swept again
        List<SweepOutcome> second = sweepAll(scopes(Optional.empty()), store, "sweep-2");

        // THEN every request the fakes received is a declared operation, and every declared one was sent
        assertThat(byKey(report(second, "contoso-mhsm")).get(id("contoso-mhsm", "ml-artifacts")).keyClass())
                .isEqualTo(KeyClass.MISSING);
        assertThat(azure.operations()).containsExactlyInAnyOrderElementsOf(declared(AzureSweepOperation.operations()));
        assertThat(azure.tunnelledHosts()).containsExactlyInAnyOrder("management.azure.com:443",
                "contoso-kv.vault.azure.net:443", "dev-kv.vault.azure.net:443", "contoso-mhsm.managedhsm.azure.net:443",
                "dev-mhsm.managedhsm.azure.net:443");
    }

    /** The declared operations as the fakes name what they received: {@code service:Operation}. */
    private static Set<String> declared(Set<ApiOperation> operations) {
        return operations.stream().map(o -> o.service() + ":" + o.name()).collect(Collectors.toSet());
    }
}
