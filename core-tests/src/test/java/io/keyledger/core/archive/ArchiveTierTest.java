package io.keyledger.core.archive;

import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.ingest.HistoryEntry;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.ledger.CheckpointsFile;
import io.keyledger.core.ledger.LedgerBreak;
import io.keyledger.core.ledger.LedgerBrokenException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.ledger.PurgeAttestation;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.signing.KeyFileSigner;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive tier: records older than the hot window move to signed segments outside the store, every
 * read sees one ledger and one history across both tiers, a segment missing or altered is named, and a
 * segment goes at the end of its retention, attested, unless something in it is held.
 */
class ArchiveTierTest {

    private static final String ACME = "acme";
    private static final KeyRef K = awsKey("k");
    private static final KeyRef L = awsKey("l");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private CoreServices services;
    private ArchiveDirectory archive;

    @BeforeEach
    void ledgerOfTwoMonths() {
        archive = new ArchiveDirectory(dir.resolve("archive"));
        services = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withoutAnomalyDetection().withLedger(
                LedgerSettings.NONE.signedBy(KeyFileSigner.loadOrCreate(dir.resolve("key.pem")))
                        .anchoredIn(new CheckpointsFile(dir.resolve("checkpoints.jsonl"))).archivedIn(archive)));
        services.retention().setPolicy(ACME, new RetentionPolicy(Period.ofDays(120), Period.ofDays(120),
                Period.ofDays(120), Period.ofDays(30)), "admin");
        services.inventory().apply(ACME, List.of(
                event("k1", clock.instant(), Action.CREATE, K, Map.of("nativeState", "Enabled")),
                event("l1", clock.instant(), Action.CREATE, L, Map.of("nativeState", "Enabled"))));
        clock.advance(Duration.ofDays(40));
        services.inventory().apply(ACME, List.of(event("k2", clock.instant(), Action.DISABLE, K,
                Map.of("nativeState", "Disabled"))));
    }

    private List<LedgerRecord> hotLedger() {
        return services.storeTier().ledger(ACME, 1, Optional.empty(), true, PageRequest.first(1000)).items();
    }

    private List<LedgerRecord> ledger() {
        return services.store().ledger(ACME, 1, Optional.empty(), true, PageRequest.first(1000)).items();
    }

    @Test
    void oldRecordsMoveToASignedSegmentAndEveryReadSeesBothTiers() throws Exception {
        List<LedgerRecord> before = ledger();

        Archiver.Archived moved = services.archiver().orElseThrow().archive(ACME);

        assertThat(moved.segments()).hasSize(1);
        ArchivedSegment segment = moved.segments().get(0);
        assertThat(segment.verifiesWith(services.checkpointer().orElseThrow().signer().publicKey())).isTrue();
        assertThat(Files.getPosixFilePermissions(archive.root().resolve(segment.objectName())))
                .containsExactly(java.nio.file.attribute.PosixFilePermission.OWNER_READ);
        assertThat(hotLedger()).extracting(LedgerRecord::type).as("kept in the store whatever the retention")
                .contains(LedgerEntryType.RETENTION_POLICY_SET, LedgerEntryType.SEGMENT_ARCHIVED);
        assertThat(hotLedger()).noneMatch(r -> r.payload().contains("\"eventId\":\"k1\""));
        assertThat(ledger()).extracting(LedgerRecord::hash).as("the same chain, read across both tiers")
                .startsWith(before.stream().map(LedgerRecord::hash).toArray(String[]::new));
        assertThat(services.storeTier().eventsForKey(ACME, K.id())).extracting(e -> e.event().eventId())
                .containsExactly("k2");
        assertThat(services.inventory().history(ACME, K.id())).extracting(h -> h.stored().event().eventId())
                .containsExactly("k1", "k2");
        assertThat(services.verifier().verify(ACME).breaks()).isEmpty();
        assertThat(services.verifier().verify(ACME).segments()).isEqualTo(1);
    }

    @Test
    void theEndOfAKeysEventsToFoldReachesIntoTheArchiveOnlyAsFarAsAsked() {
        services.archiver().orElseThrow().archive(ACME);
        Instant k1 = clock.instant().minus(Duration.ofDays(40));

        assertThat(services.store().eventsToFoldAfter(ACME, K.id(), k1.minusSeconds(1)))
                .extracting(e -> e.event().eventId()).containsExactly("k1", "k2");
        assertThat(services.store().eventsToFoldAfter(ACME, K.id(), k1)).extracting(e -> e.event().eventId())
                .containsExactly("k2");
        assertThat(services.store().eventsToFoldAfter(ACME, K.id(), clock.instant())).isEmpty();
    }

    @Test
    void aLateEventFoldsWithTheArchivedHistoryAndAnArchivedEventStaysADuplicate() {
        services.archiver().orElseThrow().archive(ACME);

        services.inventory().apply(ACME, List.of(event("k0", clock.instant().minus(Duration.ofDays(39)), Action.TAG, K,
                Map.of("tag.team", "payments"))));
        var redelivered = services.inventory().apply(ACME, List.of(event("k1", clock.instant().minus(Duration.ofDays(40)),
                Action.CREATE, K, Map.of("nativeState", "Enabled"))));

        List<HistoryEntry> history = services.inventory().history(ACME, K.id());
        assertThat(history).extracting(h -> h.stored().event().eventId()).containsExactly("k1", "k0", "k2");
        assertThat(services.inventory().asset(ACME, K.id()).orElseThrow().state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(redelivered.duplicates()).isEqualTo(1);
        assertThat(services.verifier().verify(ACME).breaks()).isEmpty();
    }

    @Test
    void aSegmentMissingOrAlteredIsNamed() throws Exception {
        ArchivedSegment segment = services.archiver().orElseThrow().archive(ACME).segments().get(0);
        Path object = archive.root().resolve(segment.objectName());

        object.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(object);
        bytes[bytes.length / 2] ^= 1;
        Files.write(object, bytes);
        LedgerVerification altered = services.verifier().verify(ACME);
        Files.delete(object);
        LedgerVerification missing = services.verifier().verify(ACME);

        assertThat(altered.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.kind()).isEqualTo(LedgerBreak.Kind.SEGMENT);
            assertThat(b.sequence()).isEqualTo(segment.fromSequence());
            assertThat(b.detail()).contains(segment.objectName()).contains("altered");
        });
        assertThat(missing.firstBreak()).hasValueSatisfying(b -> assertThat(b.detail()).contains(segment.objectName())
                .contains("missing"));
        assertThatThrownBy(() -> services.retention().purgeExpired(ACME)).isInstanceOf(LedgerBrokenException.class);
    }

    @Test
    void aSegmentGoesAtTheEndOfItsRetentionAttestedAndSigned() {
        ArchivedSegment segment = services.archiver().orElseThrow().archive(ACME).segments().get(0);
        clock.advance(Duration.ofDays(100));

        PurgeResult purged = services.retention().purgeExpired(ACME);

        assertThat(purged.ledgerRecords()).isEqualTo(segment.records());
        assertThat(services.storeTier().segments(ACME)).isEmpty();
        assertThat(archive.read(segment.objectName())).isEmpty();
        LedgerRecord attestation = hotLedger().stream().filter(r -> r.type() == LedgerEntryType.RETENTION_PURGED)
                .findFirst().orElseThrow();
        PurgeAttestation a = PurgeAttestation.fromJson(attestation.payload());
        assertThat(a.segments()).containsExactly(segment.fromSequence());
        assertThat(a.verifiesWith(ACME, services.checkpointer().orElseThrow().signer().publicKey())).isTrue();
        assertThat(services.verifier().verify(ACME).breaks()).isEmpty();
    }

    @Test
    void aSegmentHoldingAHeldKeyIsKept() {
        services.retention().placeHold(ACME, Optional.of(L.id()), "matter 1", "admin");
        ArchivedSegment segment = services.archiver().orElseThrow().archive(ACME).segments().get(0);
        clock.advance(Duration.ofDays(100));

        services.retention().purgeExpired(ACME);

        assertThat(services.storeTier().segments(ACME)).containsExactly(segment);
        assertThat(services.inventory().history(ACME, L.id())).hasSize(1);
        assertThat(services.verifier().verify(ACME).breaks()).isEmpty();
    }
}
