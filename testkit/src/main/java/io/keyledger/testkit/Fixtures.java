package io.keyledger.testkit;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.tenant.TenantResolver;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders of realistic keys and events for tests. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-01-15T09:00:00Z");

    private Fixtures() {
    }

    /**
     * The core services as most tests want them: every account in {@code tenant}, and no anomaly
     * detection, so that no alert adds to the ledger a test counts.
     */
    public static CoreServices services(InventoryStore store, Clock clock, String tenant) {
        return CoreServices.of(store, clock,
                CoreSettings.DEFAULTS.withTenants(TenantResolver.single(tenant)).withoutAnomalyDetection());
    }

    /** A key as a listing reports it: its state, the provider's own state and its algorithm. */
    public static ObservedKey observed(KeyRef ref, String state, String nativeState, String algorithm) {
        return new ObservedKey(ref, Map.of("state", state, "nativeState", nativeState, "algorithm", algorithm),
                List.of(), Optional.empty());
    }

    /** An active, enabled AES-256 key as a listing reports it. */
    public static ObservedKey observed(KeyRef ref) {
        return observed(ref, "ACTIVE", "Enabled", "AES-256");
    }

    /** The inventory already holds these keys: each created at {@link #T0}, enabled, AES-256. */
    public static void holds(InventoryService inventory, KeyRef... keys) {
        for (KeyRef k : keys) {
            inventory.apply(List.of(event("c-" + k.nativeId(), T0, Action.CREATE, k,
                    Map.of("algorithm", "AES-256", "nativeState", "Enabled"))));
        }
    }

    /** An AWS key ref in account 111122223333, us-east-1, whose key id ends with {@code name}. */
    public static KeyRef awsKey(String name) {
        return awsKey("111122223333", name);
    }

    public static KeyRef awsKey(String account, String name) {
        return new KeyRef(Provider.AWS, account, "us-east-1",
                "arn:aws:kms:us-east-1:" + account + ":key/" + name);
    }

    public static KeyRef gcpKey(String project, String name) {
        return new KeyRef(Provider.GCP, project, "europe-west1",
                "projects/" + project + "/locations/europe-west1/keyRings/ring/cryptoKeys/" + name);
    }

    public static KeyRef azureKey(String subscription, String name) {
        return new KeyRef(Provider.AZURE, subscription, "contoso-vault",
                "https://contoso-vault.vault.azure.net/keys/" + name);
    }

    public static KeyEvent event(String id, Instant at, Action action, KeyRef key, Map<String, String> attributes) {
        return new KeyEvent(id, at, action, key, Optional.empty(),
                new Actor("arn:aws:iam::111122223333:user/alice", ActorType.USER, Optional.of("198.51.100.7"),
                        Optional.of("aws-cli/2.15"), Optional.empty()),
                Outcome.SUCCESS, attributes, new SourcePointer("test", id, action.name()));
    }

    public static KeyEvent event(String id, Instant at, Action action, KeyRef key) {
        return event(id, at, action, key, Map.of());
    }

    public static KeyEvent failed(String id, Instant at, Action action, KeyRef key) {
        return new KeyEvent(id, at, action, key, Optional.empty(), Actor.of("arn:aws:iam::111122223333:user/mallory",
                ActorType.USER), Outcome.failure("AccessDeniedException", "not authorized"), Map.of(),
                new SourcePointer("test", id, action.name()));
    }

    public static StoredEvent stored(String tenant, KeyEvent event, Optional<Instant> expiresAt) {
        return new StoredEvent(tenant, event, event.eventTime(), expiresAt);
    }

    /** A minimal key record of {@code tenant}, in the given state and with the given owner. */
    public static CryptoAsset asset(String tenant, KeyRef ref, LifecycleState state, Optional<String> owner) {
        return CryptoAsset.newKey(ref, tenant, T0, "evt-" + ref.nativeId().hashCode())
                .state(state).nativeState(state.name()).owner(owner).algorithm("AES-256").build();
    }
}
