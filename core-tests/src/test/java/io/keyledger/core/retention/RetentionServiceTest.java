package io.keyledger.core.retention;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.event.Action;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.ledger.LedgerBreak;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionServiceTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final CoreServices services = Fixtures.services(store, clock, "acme");
    private final InventoryService inventory = services.inventory();
    private final RetentionService retention = services.retention();
    private final KeyRef held = awsKey("held");
    private final KeyRef free = awsKey("free");

    private void ingestBothKeys() {
        inventory.apply(List.of(event("h1", clock.instant(), Action.CREATE, held),
                event("f1", clock.instant(), Action.CREATE, free)));
    }

    private List<LedgerRecord> ledger() {
        return store.ledger("acme", 1, Optional.empty(), true, PageRequest.first(1000)).items();
    }

    @Test
    void everyRecordCarriesItsExpiryFromTheDefaultSevenYearPolicy() {
        ingestBothKeys();

        assertThat(store.eventsForKey("acme", held.id()).get(0).expiresAt())
                .contains(java.time.Instant.parse("2033-01-01T00:00:00Z"));
        assertThat(ledger()).allSatisfy(r -> assertThat(r.expiresAt()).isPresent());
    }

    @Test
    void purgeKeepsWhatIsHeldAndTheLedgerStillVerifies() {
        retention.setPolicy("acme", new RetentionPolicy(Period.ofDays(30), Period.ofDays(30), Period.ofDays(30)), "admin");
        ingestBothKeys();
        retention.placeHold("acme", Optional.of(held.id()), "investigation INC-7", "admin");

        clock.advance(Duration.ofDays(31));
        PurgeResult purged = retention.purgeExpired("acme");

        assertThat(purged.events()).isEqualTo(1);
        assertThat(store.eventsForKey("acme", held.id())).hasSize(1);
        assertThat(store.eventsForKey("acme", free.id())).isEmpty();
        assertThat(ledger()).anySatisfy(r -> assertThat(r.type()).isEqualTo(LedgerEntryType.RETENTION_PURGED));
        LedgerVerification v = new LedgerVerifier(store).verify("acme");
        assertThat(v.intact()).isTrue();
        assertThat(v.purgedRecords()).isEqualTo(purged.ledgerRecords());
    }

    /**
     * Regression (issue 13): a hold could only name a key the inventory listed, so the late events of a key
     * destroyed long ago expired on arrival. Held before the key is known, they arrive without expiry and stay.
     */
    @Test
    void aHoldOnAKeyNotYetListedKeepsItsLateEvents() {
        retention.setPolicy("acme", new RetentionPolicy(Period.ofDays(30), Period.ofDays(30), Period.ofDays(30)), "admin");
        KeyRef late = awsKey("destroyed-long-ago");
        retention.placeHold("acme", Optional.of(late.id()), "matter 2026-3", "admin");
        Instant longAgo = clock.instant().minus(Duration.ofDays(400));

        inventory.apply(List.of(event("l1", longAgo, Action.CREATE, late),
                event("l2", longAgo.plus(Duration.ofDays(1)), Action.DESTROY, late),
                event("f1", longAgo, Action.CREATE, free)));
        clock.advance(Duration.ofDays(31));
        retention.purgeExpired("acme");

        assertThat(store.eventsForKey("acme", late.id())).hasSize(2)
                .allSatisfy(e -> assertThat(e.expiresAt()).isEmpty());
        assertThat(store.asset("acme", late.id())).isPresent();
        assertThat(store.eventsForKey("acme", free.id())).isEmpty();
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();
    }

    @Test
    void aTenantHoldKeepsEverythingAndLiftingItLetsTheExpiredGo() {
        retention.setPolicy("acme", new RetentionPolicy(Period.ofDays(30), Period.ofDays(30), Period.ofDays(30)), "admin");
        ingestBothKeys();
        retention.placeHold("acme", Optional.empty(), "litigation", "admin");
        clock.advance(Duration.ofDays(31));

        assertThat(retention.purgeExpired("acme").removedAnything()).isFalse();

        assertThat(retention.liftHold("acme", Optional.empty(), "admin")).isTrue();
        PurgeResult purged = retention.purgeExpired("acme");
        assertThat(purged.events()).isEqualTo(2);
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();
    }

    @Test
    void repeatedPurgesStillVerify() {
        retention.setPolicy("acme", new RetentionPolicy(Period.ofDays(10), Period.ofDays(10), Period.ofDays(10)), "admin");
        for (int round = 0; round < 3; round++) {
            inventory.apply(List.of(event("r" + round, clock.instant(), Action.TAG, free)));
            clock.advance(Duration.ofDays(11));
            retention.purgeExpired("acme");
        }

        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();
    }

    @Test
    void aRecordDeletedOutsideAPurgeIsStillCaught() {
        retention.setPolicy("acme", new RetentionPolicy(Period.ofDays(30), Period.ofDays(30), Period.ofDays(30)), "admin");
        ingestBothKeys();
        LedgerRecord victim = ledger().get(2);
        List<LedgerRecord> tampered = new java.util.ArrayList<>(ledger());
        tampered.remove(2);

        LedgerVerification v = LedgerVerifier.verify("acme", tampered, store.ledgerHead("acme"));

        assertThat(v.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(victim.sequence());
            assertThat(b.kind()).isEqualTo(LedgerBreak.Kind.MISSING);
        });
    }

    @Test
    void holdsAreLedgered() {
        ingestBothKeys();
        retention.placeHold("acme", Optional.of(held.id()), "investigation", "alice");
        retention.liftHold("acme", Optional.of(held.id()), "bob");

        assertThat(ledger()).extracting(LedgerRecord::type)
                .contains(LedgerEntryType.LEGAL_HOLD_PLACED, LedgerEntryType.LEGAL_HOLD_LIFTED);
        assertThat(retention.liftHold("acme", Optional.of(held.id()), "bob")).isFalse();
    }
}
