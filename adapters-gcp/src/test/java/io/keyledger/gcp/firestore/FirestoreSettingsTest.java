package io.keyledger.gcp.firestore;

import static io.keyledger.testkit.Fixtures.asset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.firestore.Firestore;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.gcp.credentials.DeferredCredentials;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.emulator.NodeEmulator;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a function's store is, and the client and store built from it. */
class FirestoreSettingsTest {

    @Test
    void theStoreIsBuiltFromTheSettingsAndWorksOnTheEmulator() throws Exception {
        try (NodeEmulator emulator = NodeEmulator.firestore()) {
            FirestoreSettings settings = FirestoreSettings.of("acme-keyledger").withRootCollection(LocalFirestore.newRoot())
                    .withEmulatorHost(emulator.hostAndPort());
            MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
            FirestoreRequestCounter counter = new FirestoreRequestCounter();
            CryptoAsset a = asset("acme", new KeyRef(Provider.GCP, "acme-prod", "global",
                    "projects/acme-prod/locations/global/keyRings/r/cryptoKeys/k"), LifecycleState.ACTIVE, Optional.empty());

            try (Firestore firestore = settings.client()) {
                FirestoreInventoryStore store = settings.store(firestore, clock, counter);
                store.putAsset("acme", a, 0);

                assertThat(store.asset("acme", a.id()).orElseThrow().value()).isEqualTo(a);
                assertThat(store.rootCollection()).isEqualTo(settings.rootCollection());
                assertThat(counter.snapshot().writeRequests()).isPositive();
            }
        }
    }

    @Test
    void theClientOfGoogleCloudLooksItsCredentialsUpAtItsFirstRequestNotWhenBuilt() throws Exception {
        try (Firestore firestore = FirestoreSettings.of("acme-keyledger").withDatabase("keyledger").client()) {
            assertThat(firestore.getOptions().getCredentials()).isInstanceOfSatisfying(DeferredCredentials.class,
                    credentials -> assertThat(credentials.resolved()).isFalse());
            assertThat(firestore.getOptions().getDatabaseId()).isEqualTo("keyledger");
        }
    }

    @Test
    void defaultsAndMistakesNameTheField() {
        FirestoreSettings plain = FirestoreSettings.of("acme-keyledger");

        assertThat(plain.rootCollection()).isEqualTo(FirestoreInventoryStore.DEFAULT_ROOT);
        assertThat(plain.databaseId()).isEmpty();
        assertThat(plain.emulatorHost()).isEmpty();
        assertThatThrownBy(() -> FirestoreSettings.of("Acme")).hasMessageContaining("'projectId'");
        assertThatThrownBy(() -> plain.withRootCollection("a/b")).hasMessageStartingWith("root collection");
        assertThatThrownBy(() -> plain.withEmulatorHost("10.0.0.8:8080")).hasMessageContaining("'emulatorHost'")
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> plain.withDatabase("Bad_Name")).hasMessageContaining("'databaseId'");
    }
}
