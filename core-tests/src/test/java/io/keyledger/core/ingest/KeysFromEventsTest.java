package io.keyledger.core.ingest;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.failed;
import static io.keyledger.testkit.Fixtures.gcpKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every key an event names is in the inventory, whatever the event's age, described as far as the events tell. */
class KeysFromEventsTest {

    private final MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final CoreServices services = Fixtures.services(store, clock, "acme");
    private final InventoryService inventory = services.inventory();
    private final KeyRef key = awsKey("1234abcd-12ab-34cd-56ef-1234567890ab");

    private Optional<CryptoAsset> asset(KeyRef ref) {
        return inventory.asset("acme", ref.id());
    }

    private List<CryptoAsset> listed() {
        return store.assets("acme", AssetQuery.ALL, PageRequest.first(100)).items();
    }

    @Test
    void aKeyRevealedOnlyByEventsOlderThanTheRetentionIsListedAndNeverExpiresWithThem() {
        // GIVEN a Google CreateCryptoKey of 2019, past the default seven years of history retention
        KeyRef old = gcpKey("legacy-proj", "archive-key");
        inventory.apply(List.of(event("g-2019", Instant.parse("2019-03-04T10:00:00Z"), Action.CREATE, old,
                Map.of("kind", "SYMMETRIC", "algorithm", "AES-256", "nativeState", "ENABLED"))));

        // THEN the key is listed although its history has already expired
        assertThat(listed()).extracting(CryptoAsset::id).containsExactly(old.id());
        CryptoAsset a = asset(old).orElseThrow();
        assertThat(a.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(a.retainedUntil()).isEmpty();
        assertThat(store.eventsForKey("acme", old.id())).isEmpty();

        // and a purge years later removes history, never the record of a key that still exists
        clock.advance(Duration.ofDays(3650));
        services.retention().purgeExpired("acme");
        assertThat(asset(old)).isPresent();
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();
    }

    @Test
    void aLateEventAfterTheHistoryExpiredKeepsWhatOnlyTheExpiredEventsTold() {
        services.retention().setPolicy("acme", new RetentionPolicy(Period.ofDays(30), Period.ofDays(30),
                Period.ofDays(30)), "admin");
        Instant t0 = clock.instant();
        inventory.apply(List.of(event("c", t0, Action.CREATE, key, Map.of("algorithm", "AES-256", "kind", "SYMMETRIC",
                "tag.Owner", "payments"))));
        inventory.apply(List.of(event("m", t0.plus(Duration.ofDays(40)), Action.METADATA, key,
                Map.of("description", "card vault"))));
        clock.advance(Duration.ofDays(45));
        services.retention().purgeExpired("acme");
        assertThat(store.eventsForKey("acme", key.id())).extracting(s -> s.event().eventId()).containsExactly("m");

        // WHEN an event from between the two arrives late (a re-fold of what is held)
        inventory.apply(List.of(event("d", t0.plus(Duration.ofDays(39)), Action.DISABLE, key)));

        // THEN the creation's facts survive the re-fold, and the late event lands where it belongs
        CryptoAsset a = asset(key).orElseThrow();
        assertThat(a.algorithm()).isEqualTo("AES-256");
        assertThat(a.tags()).containsEntry("Owner", "payments");
        assertThat(a.owner()).contains("payments");
        assertThat(a.description()).contains("card vault");
        assertThat(a.state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(a.provenance().firstSeenAt()).isEqualTo(t0);
        assertThat(a.partiallyObserved()).isFalse();
    }

    @Test
    void aKeyFirstSeenInADisableIsSuspendedAndPartiallyObservedUntilASweepDescribesIt() {
        inventory.apply(List.of(event("d1", clock.instant(), Action.DISABLE, key, Map.of("nativeState", "Disabled"))));

        CryptoAsset a = asset(key).orElseThrow();
        assertThat(a.state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(a.partiallyObserved()).isTrue();
        assertThat(a.provenance().unknownAttributes())
                .containsExactly("algorithm", "createdAt", "keyUsage", "kind", "manager", "origin", "protection");

        // An OBSERVE that read the key in full (what a sweep sends) describes it.
        inventory.apply(List.of(event("sweep:s1:" + key.id(), clock.instant().plusSeconds(60), Action.OBSERVE, key,
                Map.of("observation", "FULL", "kind", "SYMMETRIC", "algorithm", "AES-256", "manager", "CUSTOMER"))));
        assertThat(asset(key).orElseThrow().partiallyObserved()).isFalse();
        assertThat(asset(key).orElseThrow().provenance().unknownAttributes()).isEmpty();
    }

    @Test
    void aKeyFirstSeenInATagChangeHasAnUnknownStateAndTheTagsItWasGiven() {
        inventory.apply(List.of(event("t1", clock.instant(), Action.TAG, key, Map.of("tag.team", "risk"))));

        CryptoAsset a = asset(key).orElseThrow();
        assertThat(a.state()).isEqualTo(LifecycleState.UNKNOWN);
        assertThat(a.provenance().unknownAttributes()).contains("state", "kind");
        assertThat(a.owner()).contains("risk");
    }

    @Test
    void eventsThatTellAttributesOneByOneFillTheRecordIn() {
        inventory.apply(List.of(event("t1", clock.instant(), Action.TAG, key, Map.of("tag.team", "risk")),
                event("o1", clock.instant().plusSeconds(1), Action.METADATA, key, Map.of("kind", "SYMMETRIC",
                        "algorithm", "AES-256", "keyUsage", "ENCRYPT_DECRYPT", "protection", "HSM", "origin", "GENERATED",
                        "manager", "CUSTOMER", "createdAt", "2020-01-01T00:00:00Z", "state", "ACTIVE"))));

        assertThat(asset(key).orElseThrow().partiallyObserved()).isFalse();
    }

    @Test
    void failedCallsProveNothingAndCreateNothing() {
        inventory.apply(List.of(failed("f1", clock.instant(), Action.DISABLE, key),
                failed("f2", clock.instant(), Action.USE, key)));

        assertThat(listed()).isEmpty();
        // They are kept in the history all the same.
        assertThat(inventory.history("acme", key.id())).hasSize(2);
    }

    @Test
    void aKeyUsedButNeverManagedInTheLogsIsListedWithItsUsage() {
        inventory.apply(List.of(event("u1", clock.instant(), Action.USE, key, Map.of("usage.service", "s3.amazonaws.com",
                "usage.resource", "arn:aws:s3:::payments-archive"))));

        CryptoAsset a = asset(key).orElseThrow();
        assertThat(a.state()).isEqualTo(LifecycleState.UNKNOWN);
        assertThat(a.partiallyObserved()).isTrue();
        assertThat(a.usageContext().services()).containsExactly("s3.amazonaws.com");
        assertThat(a.usageContext().protects().names()).containsExactly("arn:aws:s3:::payments-archive");
        assertThat(inventory.history("acme", key.id())).isEmpty();
    }
}
