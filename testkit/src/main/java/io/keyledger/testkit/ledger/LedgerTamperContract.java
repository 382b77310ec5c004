package io.keyledger.testkit.ledger;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.archive.ArchiveDirectory;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.ledger.CheckpointsFile;
import io.keyledger.core.ledger.LedgerBreak;
import io.keyledger.core.ledger.LedgerBrokenException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.ledger.PurgeAttestation;
import io.keyledger.core.retention.PurgedRun;
import io.keyledger.core.signing.KeyFileSigner;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tamper suite (issue 13): each attack of someone who can write the store, applied to a store's raw
 * rows, must make verification fail naming the right record, and the purge do nothing. A store's suite
 * extends this class with its {@link StoreTamper}; an entry point's (the CLI's) also verifies and purges
 * through its own commands, checking the exit code and that no stack trace is printed.
 *
 * <p>The ledger: tenant acme, three keys in two batches and a legal hold between them, each batch signed
 * with a key file and anchored in a checkpoints file, as the CLI does.
 */
public abstract class LedgerTamperContract {

    protected static final String ACME = "acme";
    protected static final KeyRef HELD = awsKey("held");
    protected static final KeyRef FREE = awsKey("free");
    protected static final KeyRef OTHER = awsKey("other");

    /** What an entry point says when it verifies or purges. */
    public record Verdict(int exitCode, String output) {

        public Verdict assertBrokenAt(long sequence, LedgerBreak.Kind kind) {
            assertThat(exitCode).as(output).isEqualTo(1);
            assertThat(output).contains((sequence > 0 ? "record " + sequence + ": " : "") + kind + " (");
            assertThat(output).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
            return this;
        }
    }

    @TempDir
    protected Path dir;

    protected MutableClock clock;
    protected InventoryStore store;
    protected CoreServices services;

    /** A fresh, empty store on {@code clock}; {@code dir} is this test's own directory. */
    protected abstract InventoryStore createStore(MutableClock clock, Path dir);

    /** The attacker's hands on the store's raw rows. */
    protected abstract StoreTamper tamper();

    /** Where the signing key is kept. */
    protected Path signingKey() {
        return dir.resolve("ledger-signing-key.pem");
    }

    /** Where checkpoints are appended outside the store. */
    protected Path checkpointsFile() {
        return dir.resolve("checkpoints.jsonl");
    }

    /** Where archived segments go. */
    protected Path archiveDirectory() {
        return dir.resolve("archive");
    }

    /** Verifies the tenant through the entry point under test; by default the core's verifier. */
    protected Verdict verify(String tenant) {
        LedgerVerification v = services.verifier().verify(tenant);
        List<String> lines = new ArrayList<>();
        v.breaks().forEach(b -> lines.add(b.toString()));
        return new Verdict(v.intact() ? 0 : 1, String.join("\n", lines));
    }

    /** Purges the tenant through the entry point under test; by default the core's retention service. */
    protected Verdict purge(String tenant) {
        try {
            services.retention().purgeExpired(tenant);
            return new Verdict(0, "");
        } catch (LedgerBrokenException e) {
            return new Verdict(1, e.getMessage());
        }
    }

    @BeforeEach
    void buildTheLedger() {
        clock = MutableClock.at("2026-03-01T12:00:00Z");
        store = createStore(clock, dir);
        services = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withoutAnomalyDetection()
                .withLedger(LedgerSettings.NONE.signedBy(KeyFileSigner.loadOrCreate(signingKey()))
                        .anchoredIn(new CheckpointsFile(checkpointsFile()))
                        .archivedIn(new ArchiveDirectory(archiveDirectory()))));
        Instant t = clock.instant().minus(Duration.ofDays(1));
        services.inventory().apply(ACME, List.of(
                event("h1", t, Action.CREATE, HELD, Map.of("nativeState", "Enabled")),
                event("f1", t.plusSeconds(1), Action.CREATE, FREE, Map.of("nativeState", "Enabled")),
                event("o1", t.plusSeconds(2), Action.CREATE, OTHER, Map.of("nativeState", "Enabled"))));
        clock.advance(Duration.ofMinutes(1));
        services.retention().placeHold(ACME, Optional.of(HELD.id()), "litigation 2026-14", "admin");
        clock.advance(Duration.ofMinutes(1));
        services.inventory().apply(ACME, List.of(
                event("f2", t.plusSeconds(60), Action.DISABLE, FREE, Map.of("nativeState", "Disabled")),
                event("h2", t.plusSeconds(61), Action.TAG, HELD, Map.of("tag.case", "2026-14"))));
        clock.advance(Duration.ofMinutes(1));
        assertThat(verify(ACME).exitCode()).as(verify(ACME).output()).isZero();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected List<LedgerRecord> ledger() {
        return store.ledger(ACME, 1, Optional.empty(), true, PageRequest.first(1000)).items();
    }

    protected LedgerRecord record(long sequence) {
        return ledger().stream().filter(r -> r.sequence() == sequence).findFirst().orElseThrow();
    }

    protected long head() {
        return store.ledgerHead(ACME).sequence();
    }

    /** The ledger record that accepted the event. */
    protected LedgerRecord accepting(String eventId) {
        return ledger().stream().filter(r -> r.type() == LedgerEntryType.EVENT_ACCEPTED
                && r.payload().contains("\"eventId\":\"" + eventId + "\"")).findFirst().orElseThrow();
    }

    /** The last record attesting the key's record. */
    protected LedgerRecord attesting(KeyRef key) {
        return ledger().stream().filter(r -> r.type() == LedgerEntryType.ASSET_CHANGED
                && r.keyId().equals(Optional.of(key.id()))).reduce((a, b) -> b).orElseThrow();
    }

    protected StoredEvent storedEvent(KeyRef key, String eventId) {
        return store.eventsForKey(ACME, key.id()).stream().filter(e -> e.event().eventId().equals(eventId))
                .findFirst().orElseThrow();
    }

    /** Re-chains every record from {@code from} on after changing that one's payload, and moves the head. */
    private void rewriteFrom(long from, String payload) {
        String previous = record(from).previousHash();
        for (LedgerRecord r : ledger()) {
            if (r.sequence() < from) {
                continue;
            }
            LedgerRecord forged = LedgerRecord.chain(r.tenant(), r.sequence(), r.recordedAt(), r.type(), r.keyId(),
                    r.sequence() == from ? payload : r.payload(), previous, r.expiresAt());
            tamper().writeLedgerRecord(forged);
            previous = forged.hash();
        }
        tamper().setLedgerHead(ACME, new LedgerHead(head(), previous));
    }

    @Test
    void aWholeChainRewriteContradictsTheNewestCheckpoint() {
        LedgerRecord hold = ledger().stream().filter(r -> r.type() == LedgerEntryType.LEGAL_HOLD_PLACED)
                .findFirst().orElseThrow();
        rewriteFrom(hold.sequence(), hold.payload().replace("litigation 2026-14", "nothing to see"));

        verify(ACME).assertBrokenAt(head(), LedgerBreak.Kind.REWRITTEN);
    }

    @Test
    void truncationWithTheHeadMovedBackIsFoundAgainstTheCheckpoint() {
        long last = head();
        tamper().deleteLedgerRecords(ACME, last - 2, last);
        tamper().setLedgerHead(ACME, new LedgerHead(last - 3, record(last - 3).hash()));

        verify(ACME).assertBrokenAt(last - 2, LedgerBreak.Kind.TRUNCATED);
    }

    @Test
    void truncationLeavingTheHeadIsFoundMissing() {
        long last = head();
        tamper().deleteLedgerRecords(ACME, last - 2, last);

        verify(ACME).assertBrokenAt(last - 2, LedgerBreak.Kind.MISSING);
    }

    @Test
    void deletingTheHeadWithTheRecordsBehindItIsFound() {
        long last = head();
        tamper().deleteLedgerRecords(ACME, last - 1, last);
        tamper().deleteLedgerHead(ACME);

        Verdict v = verify(ACME);

        assertThat(v.exitCode()).as(v.output()).isEqualTo(1);
        assertThat(v.output()).containsAnyOf("record " + (last - 1) + ": TRUNCATED (", "record " + (last - 2)
                + ": ALTERED (the ledger head is missing)");
    }

    @Test
    void aForgedAppendPastTheHeadIsFoundOnceTheWriteWindowHasPassed() {
        LedgerRecord last = record(head());
        LedgerRecord forged = LedgerRecord.chain(ACME, last.sequence() + 1, clock.instant(),
                LedgerEntryType.LEGAL_HOLD_LIFTED, Optional.of(HELD.id()),
                "{\"tenant\":\"acme\",\"keyId\":\"" + HELD.id() + "\",\"liftedBy\":\"admin\",\"liftedAt\":\""
                        + clock.instant() + "\"}", last.hash(), Optional.empty());
        tamper().writeLedgerRecord(forged);
        tamper().setLedgerHead(ACME, new LedgerHead(forged.sequence(), forged.hash()));
        clock.advance(Duration.ofHours(1));

        verify(ACME).assertBrokenAt(forged.sequence(), LedgerBreak.Kind.UNCHECKPOINTED);
    }

    @Test
    void aBackdatedForgedAppendIsFoundAtOnce() {
        LedgerRecord last = record(head());
        LedgerRecord forged = LedgerRecord.chain(ACME, last.sequence() + 1, clock.instant().minus(Duration.ofDays(30)),
                LedgerEntryType.SWEEP_REQUESTED, Optional.empty(), "{\"sweepId\":\"s\"}", last.hash(), Optional.empty());
        tamper().writeLedgerRecord(forged);
        tamper().setLedgerHead(ACME, new LedgerHead(forged.sequence(), forged.hash()));

        verify(ACME).assertBrokenAt(forged.sequence(), LedgerBreak.Kind.BACKDATED);
    }

    @Test
    void aForgedPurgeAttestationCoveringDeletedRecordsIsNotSigned() {
        LedgerRecord first = accepting("f1");
        LedgerRecord last = record(first.sequence() + 1);
        tamper().deleteLedgerRecords(ACME, first.sequence(), last.sequence());
        LedgerRecord tail = record(head());
        PurgeAttestation forgedAttestation = new PurgeAttestation(List.of(new PurgedRun(first.sequence(),
                last.sequence(), first.previousHash(), last.hash())), 0, 2, 0);
        LedgerRecord forged = LedgerRecord.chain(ACME, tail.sequence() + 1, clock.instant(),
                LedgerEntryType.RETENTION_PURGED, Optional.empty(), forgedAttestation.toJson(), tail.hash(),
                Optional.empty());
        tamper().writeLedgerRecord(forged);
        tamper().setLedgerHead(ACME, new LedgerHead(forged.sequence(), forged.hash()));

        Verdict v = verify(ACME);

        v.assertBrokenAt(first.sequence(), LedgerBreak.Kind.MISSING);
        assertThat(v.output()).contains("record " + forged.sequence() + ": UNSIGNED (purge attestation not signed");
    }

    @Test
    void anEditedKeyRecordIsNotTheOneTheLedgerAttests() {
        CryptoAsset disabled = store.asset(ACME, FREE.id()).orElseThrow().value();
        tamper().writeAsset(ACME, disabled.toBuilder().state(LifecycleState.ACTIVE).nativeState("Enabled").build());

        verify(ACME).assertBrokenAt(attesting(FREE).sequence(), LedgerBreak.Kind.KEY_RECORD);
    }

    @Test
    void anEditedEventIsNotTheOneTheLedgerAccepted() {
        StoredEvent e = storedEvent(FREE, "f2");
        StoredEvent edited = new StoredEvent(ACME, new io.keyledger.core.event.KeyEvent(e.event().eventId(),
                e.event().eventTime(), e.event().action(), e.event().key(), e.event().versionId(),
                io.keyledger.core.event.Actor.of("arn:aws:iam::111122223333:user/someone-else",
                        io.keyledger.core.event.ActorType.USER), e.event().outcome(), e.event().attributes(),
                e.event().source()), e.receivedAt(), e.expiresAt());
        tamper().writeEvent(edited);

        verify(ACME).assertBrokenAt(accepting("f2").sequence(), LedgerBreak.Kind.EVENT);
    }

    @Test
    void aDeletedEventIsGoneBeforeItsRetentionEnded() {
        StoredEvent e = storedEvent(OTHER, "o1");
        tamper().deleteEvent(ACME, OTHER.id(), e.event().dedupKey());

        verify(ACME).assertBrokenAt(accepting("o1").sequence(), LedgerBreak.Kind.EVENT);
    }

    /** Regression (issue 13): an expiry set in the past on held records let the purge delete them, unseen. */
    @Test
    void anExpiryForgedOnHeldRecordsIsFoundAndThePurgeDeletesNothing() {
        StoredEvent held = storedEvent(HELD, "h1");
        LedgerRecord heldRecord = accepting("h1");
        Optional<Instant> past = Optional.of(clock.instant().minus(Duration.ofDays(1)));
        tamper().setEventExpiry(ACME, HELD.id(), held.event().dedupKey(), past);
        tamper().setLedgerExpiry(ACME, heldRecord.sequence(), past);
        int before = ledger().size();

        Verdict v = verify(ACME);
        Verdict purged = purge(ACME);

        v.assertBrokenAt(heldRecord.sequence(), LedgerBreak.Kind.EXPIRY);
        assertThat(purged.exitCode()).as(purged.output()).isEqualTo(1);
        assertThat(purged.output()).contains("refusing to purge tenant acme");
        assertThat(ledger()).hasSize(before);
        assertThat(store.legalHolds(ACME)).hasSize(1);
    }

    @Test
    void aHoldDeletedFromTheStoreIsStillStandingInTheLedger() {
        tamper().deleteLegalHold(ACME, Optional.of(HELD.id()));

        verify(ACME).assertBrokenAt(0, LedgerBreak.Kind.RETENTION_SETTINGS);
        assertThat(purge(ACME).exitCode()).isEqualTo(1);
    }

    /** Regression (issue 13): a malformed recorded_at made verify and purge-expired fail with a stack trace. */
    @Test
    void aMalformedRecordingTimeIsNamedWithoutAStackTrace() {
        long sequence = accepting("f2").sequence();
        tamper().corruptRecordedAt(ACME, sequence, "yesterday");

        verify(ACME).assertBrokenAt(sequence, LedgerBreak.Kind.UNREADABLE);
        Verdict purged = purge(ACME);
        assertThat(purged.exitCode()).isEqualTo(1);
        assertThat(purged.output()).contains("record " + sequence).doesNotContain("\tat ");
    }

    /** Regression (issue 13): a malformed expires_at made verify and purge-expired fail with a stack trace. */
    @Test
    void aMalformedEventExpiryIsNamedWithoutAStackTrace() {
        StoredEvent e = storedEvent(OTHER, "o1");
        tamper().corruptEventExpiry(ACME, OTHER.id(), e.event().dedupKey(), "soon");

        Verdict v = verify(ACME);

        assertThat(v.exitCode()).as(v.output()).isEqualTo(1);
        assertThat(v.output()).contains("UNREADABLE (").contains(e.event().dedupKey()).doesNotContain("\tat ");
        assertThat(purge(ACME).exitCode()).isEqualTo(1);
    }
}
