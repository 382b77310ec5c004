package io.keyledger.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.azure.FakeAzure;
import io.keyledger.testkit.azure.FakeVault;
import io.keyledger.testkit.sweep.AllPages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyVaultKeySourceTest {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String SUB = "6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
    static final Instant CREATED = Instant.parse("2026-01-10T08:00:00Z");

    private final FakeAzure azure = new FakeAzure(TENANT);
    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final FakeSleeper sleeper = new FakeSleeper(clock);

    @AfterEach
    void close() {
        azure.close();
    }

    private AzureSweepScopes scopes() {
        return new AzureSweepScopes(AzureSweepConfig.defaults().withSubscriptions(List.of(SUB))
                .withSdkRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)),
                azure.credential(), azure.httpClient(), clock, sleeper, new Random(7));
    }

    @Test
    void listsEveryKeyOfAVaultPageByPage() {
        azure.subscription(SUB, "prod", Optional.empty());
        FakeVault vault = azure.vault(SUB, "rg-keys", "contoso-kv").pageSize(2);
        vault.addKey("payments-cmk", CREATED).tag("Owner", "payments").rotatesEvery("P90D");
        vault.addKey("signing", CREATED).ec("P-256", false);
        vault.addKey("disabled", CREATED).enabled(false);
        vault.addKey("gone", CREATED);
        vault.delete("gone", CREATED.plusSeconds(60));

        AzureSweepScopes scopes = scopes();
        VaultScopes.ScopeListing listing = scopes.scopes();
        KeySource source = scopes.keySource(listing.scopes().get(0));
        List<ObservedKey> keys = AllPages.of(source);

        assertThat(listing.scopes()).singleElement().extracting(scopes::vault).satisfies(v -> {
            assertThat(v.name()).isEqualTo("contoso-kv");
            assertThat(v.accessModel()).isEqualTo(VaultAccessModel.AZURE_RBAC);
        });
        assertThat(keys).extracting(k -> k.ref().nativeId()).containsExactly(
                "https://contoso-kv.vault.azure.net/keys/payments-cmk", "https://contoso-kv.vault.azure.net/keys/signing",
                "https://contoso-kv.vault.azure.net/keys/disabled", "https://contoso-kv.vault.azure.net/keys/gone");
        assertThat(keys.get(0).attributes()).containsEntry("algorithm", "RSA-2048").containsEntry("state", "ACTIVE")
                .containsEntry("rotation.enabled", "true").containsEntry("rotation.period", "P90D")
                .containsEntry("tag.Owner", "payments");
        assertThat(keys.get(1).attributes()).containsEntry("algorithm", "EC-P256").containsEntry("keyUsage", "SIGN_VERIFY");
        assertThat(keys.get(2).attributes()).containsEntry("state", LifecycleState.SUSPENDED.name());
        assertThat(keys.get(3).attributes()).containsEntry("state", LifecycleState.DEACTIVATED.name())
                .containsEntry("destructionRequestedAt", CREATED.plusSeconds(60).toString())
                .containsKey("destructionScheduledAt");
        // what only a listing tells, through the mapping the saved az listings share
        assertThat(keys).allSatisfy(k -> assertThat(k.attributes()).containsEntry("access.model", "rbac")
                .containsEntry("destruction.recoveryLevel", "Recoverable+Purgeable")
                .containsEntry("destruction.delay", "P90D"));
        assertThat(keys.get(0).attributes()).containsEntry("updatedAt", CREATED.toString());
        assertThat(keys).allSatisfy(k -> assertThat(k.unreadable()).isEmpty());
        assertThat(azure.credential().requests()).extracting(r -> r.scopes().get(0))
                .contains("https://vault.azure.net/.default", "https://management.azure.com/.default");
        // the SDK's challenge flow: the vault's 401 named the tenant and the resource the token is asked for
        assertThat(azure.credential().requests()).anySatisfy(r -> {
            assertThat(r.scopes()).containsExactly("https://vault.azure.net/.default");
            assertThat(r.tenant()).isEqualTo(TENANT);
        });
    }

    @Test
    void aKeyWhoseOwnReadsAreRefusedIsPartiallyObservedWithWhatToGrant() {
        azure.subscription(SUB, "prod", Optional.empty());
        FakeVault vault = azure.vault(SUB, "rg-keys", "policies-kv").accessPolicies().deny("GetKeyRotationPolicy");
        vault.addKey("cmk", CREATED);

        AzureSweepScopes scopes = scopes();
        KeySource source = scopes.keySource(scopes.scopes().scopes().get(0));
        List<ObservedKey> keys = new ArrayList<>(source.list(Optional.empty()).keys());

        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.attributes()).containsEntry("algorithm", "RSA-2048").doesNotContainKey("rotation.enabled")
                    .containsEntry("access.model", "access-policies");
            assertThat(k.unreadable()).hasValueSatisfying(why -> assertThat(why)
                    .startsWith("GetKeyRotationPolicy: HTTP 403 Forbidden (AccessDenied)")
                    .contains("key permissions list, get and getrotationpolicy"));
        });
    }

    @Test
    void aCursorIsOnlyFollowedToTheVaultOrResourceManager() {
        azure.subscription(SUB, "prod", Optional.empty());
        azure.vault(SUB, "rg-keys", "contoso-kv").addKey("cmk", CREATED);
        AzureSweepScopes scopes = scopes();
        KeySource source = scopes.keySource(scopes.scopes().scopes().get(0));

        for (String forged : List.of("live:https://attacker.example/keys?api-version=7.6",
                "deleted:http://contoso-kv.vault.azure.net/deletedkeys", "arm:https://attacker.example/subscriptions",
                "sideways:https://contoso-kv.vault.azure.net/keys")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.list(Optional.of(forged)))
                    .as(forged).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(azure.requests()).noneMatch(r -> r.host().contains("attacker"));
    }

    @Test
    void everyRequestIsMatchedToItsRowAndNoOther() {
        assertThat(AzureSweepOperation.find(AzureSweepOperation.Plane.VAULT, "GET", "/keys/cmk/rotationpolicy"))
                .contains(AzureSweepOperation.GET_KEY_ROTATION_POLICY);
        assertThat(AzureSweepOperation.find(AzureSweepOperation.Plane.VAULT, "GET", "/keys/cmk/versions"))
                .contains(AzureSweepOperation.GET_KEY_VERSIONS);
        assertThat(AzureSweepOperation.find(AzureSweepOperation.Plane.VAULT, "GET", "/keys/cmk/"))
                .contains(AzureSweepOperation.GET_KEY);
        assertThat(AzureSweepOperation.find(AzureSweepOperation.Plane.MANAGED_HSM, "GET", "/deletedkeys"))
                .contains(AzureSweepOperation.HSM_GET_DELETED_KEYS);
        assertThat(AzureSweepOperation.find(AzureSweepOperation.Plane.VAULT, "GET", "/secrets")).isEmpty();
        assertThat(AzureSweepOperation.find(AzureSweepOperation.Plane.VAULT, "POST", "/keys/cmk/create")).isEmpty();
        assertThat(AzureSweepOperation.find(AzureSweepOperation.Plane.RESOURCE_MANAGER, "DELETE",
                "/subscriptions/s/providers/Microsoft.KeyVault/vaults")).isEmpty();
        assertThat(AzureSweepOperation.operations()).allSatisfy(o -> assertThat(o.permission()).startsWith("Microsoft."));
        assertThat(AzureSweepOperation.of(AzureSweepOperation.Plane.VAULT))
                .allSatisfy(o -> assertThat(o.keyPermission()).isPresent());
    }

    @Test
    void theConfigurationRefusesWhatCannotBeSweptNamingTheField() {
        assertThat(AzureSweepConfig.defaults().withSubscriptions(List.of(SUB.toUpperCase())).subscriptions())
                .containsExactly(SUB);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AzureSweepConfig.defaults()
                .withSubscriptions(List.of("not-a-subscription")))
                .hasMessageStartingWith("field 'subscriptions'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AzureSweepConfig.defaults()
                .withResourceManager(java.net.URI.create("http://management.azure.com")))
                .hasMessageStartingWith("field 'resourceManager'");
    }
}
