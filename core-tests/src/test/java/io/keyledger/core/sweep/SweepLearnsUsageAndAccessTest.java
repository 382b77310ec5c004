package io.keyledger.core.sweep;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a sweep reads that events cannot tell (a key's last use, grants, what its policy lets in) is learned
 * and kept, without making the key drifted; a change of what the record already knew is drift.
 */
class SweepLearnsUsageAndAccessTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final CoreServices services = Fixtures.services(store, clock, "acme");
    private final KeyRef key = awsKey("1234abcd-12ab-34cd-56ef-1234567890ab");
    private static final Map<String, String> DESCRIBED = Map.of("state", "ACTIVE", "nativeState", "Enabled",
            "kind", "SYMMETRIC", "algorithm", "AES-256");

    private SweepReport sweep(String id, Map<String, String> observed) {
        return services.reconciler().sweep("acme", id, new OneKey(new ObservedKey(key, observed, List.of(), Optional.empty())));
    }

    private CryptoAsset asset() {
        return services.inventory().asset("acme", key.id()).orElseThrow();
    }

    @Test
    void aFirstReadingOfUsageAndAccessIsLearnedAndTheKeyConfirmed() {
        services.inventory().apply(List.of(event("c1", Instant.parse("2026-02-01T00:00:00Z"), Action.CREATE, key, DESCRIBED)));
        Map<String, String> observed = new java.util.HashMap<>(DESCRIBED);
        observed.putAll(Map.of("usage.lastUsedAt", "2026-02-27T22:14:05Z", "usage.lastOperation", "Decrypt",
                "access.grantees", "arn:aws:iam::111122223333:role/App", "access.externalPrincipals", "444455556666",
                "access.model", "key-policy", "policy.lockoutRisk", "false", "usage.service", "ec2.amazonaws.com",
                "usage.resource", "arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0"));

        SweepReport first = sweep("s1", observed);

        assertThat(first.keys()).singleElement().satisfies(k -> assertThat(k.keyClass()).isEqualTo(KeyClass.CONFIRMED));
        CryptoAsset a = asset();
        assertThat(a.usageContext().lastUsedAt()).contains(Instant.parse("2026-02-27T22:00:00Z"));
        assertThat(a.usageContext().lastOperation()).contains("Decrypt");
        assertThat(a.usageContext().services()).contains("ec2.amazonaws.com");
        assertThat(a.usageContext().protects().names()).containsExactly("arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0");
        assertThat(a.access().grantees()).containsExactly("arn:aws:iam::111122223333:role/App");
        assertThat(a.access().externalPrincipals()).containsExactly("444455556666");
        assertThat(a.access().policyLockoutRisk()).contains(false);

        // The same reading again changes nothing; a policy that changed unseen is drift.
        SweepReport again = sweep("s2", observed);
        assertThat(again.corrections()).isZero();
        observed.put("access.externalPrincipals", "444455556666,*");
        SweepReport changed = sweep("s3", observed);
        assertThat(changed.keys()).singleElement().satisfies(k -> assertThat(k.keyClass()).isEqualTo(KeyClass.DRIFTED));
        assertThat(asset().access().externalPrincipals()).containsExactly("*", "444455556666");
    }

    @Test
    void aListingsDestructionPolicyAndDatesAreLearnedAndALaterUpdateAloneIsNoDrift() {
        services.inventory().apply(List.of(event("c1", Instant.parse("2026-02-01T00:00:00Z"), Action.CREATE, key, DESCRIBED)));
        Map<String, String> observed = new java.util.HashMap<>(DESCRIBED);
        observed.putAll(Map.of("updatedAt", "2026-02-01T00:00:00Z", "destruction.delay", "P90D",
                "destruction.recoveryLevel", "Recoverable+Purgeable", "access.model", "rbac"));

        SweepReport first = sweep("s1", observed);

        assertThat(first.keys()).singleElement().satisfies(k -> assertThat(k.keyClass()).isEqualTo(KeyClass.CONFIRMED));
        CryptoAsset a = asset();
        assertThat(a.dates().updatedAt()).contains(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(a.destruction().delay()).contains(java.time.Duration.ofDays(90));
        assertThat(a.destruction().recoveryLevel()).contains("Recoverable+Purgeable");
        assertThat(a.access().model()).contains("rbac");
        assertThat(sweep("s2", observed).corrections()).as("the same reading again").isZero();

        // The provider updated the key (what changed is compared on its own): the date is kept, the key confirmed.
        observed.put("updatedAt", "2026-02-20T00:00:00Z");
        SweepReport updated = sweep("s3", observed);
        assertThat(updated.keys()).singleElement().satisfies(k -> assertThat(k.keyClass()).isEqualTo(KeyClass.CONFIRMED));
        assertThat(asset().dates().updatedAt()).contains(Instant.parse("2026-02-20T00:00:00Z"));

        // A recovery level that changed unseen (purge protection switched on) is drift.
        observed.put("destruction.recoveryLevel", "Recoverable");
        SweepReport changed = sweep("s4", observed);
        assertThat(changed.keys()).singleElement().satisfies(k -> assertThat(k.keyClass()).isEqualTo(KeyClass.DRIFTED));
        assertThat(asset().destruction().recoveryLevel()).contains("Recoverable");
    }

    @Test
    void aRecoveredKeyForgetsWhenItsDestructionWasAskedFor() {
        services.inventory().apply(List.of(
                event("c1", Instant.parse("2026-02-01T00:00:00Z"), Action.CREATE, key, DESCRIBED),
                event("d1", Instant.parse("2026-02-10T00:00:00Z"), Action.SCHEDULE_DESTRUCTION, key,
                        Map.of("destructionRequestedAt", "2026-02-10T00:00:00Z", "destructionScheduledAt", "2026-05-11T00:00:00Z"))));
        assertThat(asset().dates().destructionRequestedAt()).contains(Instant.parse("2026-02-10T00:00:00Z"));

        services.inventory().apply(List.of(event("r1", Instant.parse("2026-02-11T00:00:00Z"), Action.RECOVER, key, Map.of())));

        assertThat(asset().dates().destructionRequestedAt()).isEmpty();
        assertThat(asset().dates().destructionScheduledAt()).isEmpty();
    }

    @Test
    void aProvidersCountOfProtectedResourcesIsLearnedAndOnlyALargerOneIsNews() {
        services.inventory().apply(List.of(event("c1", Instant.parse("2026-02-01T00:00:00Z"), Action.CREATE, key, DESCRIBED)));
        Map<String, String> observed = new java.util.HashMap<>(DESCRIBED);
        observed.putAll(Map.of("usage.resourceCount", "1250", "usage.service", "bigquery.googleapis.com"));

        SweepReport first = sweep("s1", observed);

        assertThat(first.keys()).singleElement().satisfies(k -> assertThat(k.keyClass()).isEqualTo(KeyClass.CONFIRMED));
        assertThat(asset().usageContext().protects().count()).isEqualTo(1250);
        assertThat(asset().usageContext().protects().exact()).isTrue();
        observed.put("usage.resourceCount", "900");
        assertThat(sweep("s2", observed).corrections()).isZero();
        observed.put("usage.resourceCount", "1300");
        SweepReport grown = sweep("s3", observed);
        assertThat(grown.corrections()).isEqualTo(1);
        assertThat(grown.keys()).singleElement().satisfies(k -> assertThat(k.keyClass()).isEqualTo(KeyClass.CONFIRMED));
        assertThat(asset().usageContext().protects().count()).isEqualTo(1300);
    }

    /** A scope holding one key. */
    private record OneKey(ObservedKey key) implements KeySource {
        @Override
        public SweepScope scope() {
            return new SweepScope(Provider.AWS, "111122223333", "us-east-1");
        }

        @Override
        public KeyListing list(Optional<String> cursor) {
            return new KeyListing(List.of(key), Optional.empty());
        }

        @Override
        public Optional<ObservedKey> describe(KeyRef ref) {
            return Optional.of(key);
        }
    }
}
