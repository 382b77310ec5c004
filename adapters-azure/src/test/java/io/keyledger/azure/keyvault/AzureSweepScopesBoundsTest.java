package io.keyledger.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.http.HttpClient;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.testkit.FakeSleeper;
import io.keyledger.testkit.MutableClock;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A function instance lives on across sweeps of many vaults: the key sources it keeps for reuse are bounded, and a
 * vault let go is built again when it is swept next. Building a source sends nothing.
 */
class AzureSweepScopesBoundsTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T02:00:00Z");
    private final AzureSweepScopes scopes = new AzureSweepScopes(AzureSweepConfig.defaults(),
            request -> Mono.just(new AccessToken("unused", OffsetDateTime.parse("2026-03-01T03:00:00Z"))),
            HttpClient.createDefault(), clock, new FakeSleeper(clock), new Random(1));

    private static AzureVault vault(int n) {
        return new AzureVault("00000000-0000-0000-0000-000000000001", "rg", "kv-" + n,
                false, URI.create("https://kv-" + n + ".vault.azure.net"), "westeurope", VaultAccessModel.AZURE_RBAC,
                Optional.of(90), true);
    }

    @Test
    void sweepingMoreVaultsThanItKeepsHoldsOnlyTheMostRecent() {
        int swept = AzureSweepScopes.KEPT_SOURCES + 44;
        for (int n = 0; n < swept; n++) {
            scopes.keySource(vault(n));
        }
        assertThat(scopes.keptSources()).isEqualTo(AzureSweepScopes.KEPT_SOURCES);

        KeyVaultKeySource recent = scopes.keyVaultSource(vault(swept - 1));
        assertThat(scopes.keyVaultSource(vault(swept - 1))).as("a recent vault's source is reused").isSameAs(recent);
        KeySource again = scopes.keySource(vault(0));
        assertThat(again).as("the first vault, let go, is built again").isNotNull();
        assertThat(scopes.keptSources()).isEqualTo(AzureSweepScopes.KEPT_SOURCES);
    }
}
