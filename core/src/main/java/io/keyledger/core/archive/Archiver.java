package io.keyledger.core.archive;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.ledger.LedgerBrokenException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.PurgedRun;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.PurgedRuns;
import io.keyledger.core.store.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The archive tier: moves the ledger records older than the tenant's hot window (and the events they
 * accepted) from the store to immutable segments outside it, and deletes a segment once retention has let
 * every record in it go. Each segment is signed, indexed in the store and ledgered ({@code SEGMENT_ARCHIVED},
 * with its SHA-256), and the head is checkpointed after; only records already covered by a checkpoint are
 * archived. Records kept whatever the retention (policies, holds, purges, segments) stay in the store, so a
 * segment never outlives its retention because of them.
 *
 * <p>Like the purge, it trusts only what it signed: it archives nothing unless the tenant's ledger verifies.
 */
public final class Archiver {

    /** What a purge deleted from the archive tier. */
    public record Purged(List<PurgedRun> runs, int records, int events, List<Long> segments) {
        public static final Purged NOTHING = new Purged(List.of(), 0, 0, List.of());

        public Purged {
            runs = List.copyOf(runs);
            segments = List.copyOf(segments);
        }
    }

    /** What an archive run moved. */
    public record Archived(List<ArchivedSegment> segments, int records, int events) {
        public Archived {
            segments = List.copyOf(segments);
        }
    }

    /** Records per segment unless the settings say otherwise: a few megabytes compressed. */
    public static final int DEFAULT_SEGMENT_RECORDS = 10_000;

    private final InventoryStore store;
    private final ArchiveObjects objects;
    private final Optional<Signer> signer;
    private final LedgerVerifier verifier;
    private final CheckpointRequests checkpoints;
    private final LedgerWriter ledger;
    private final Clock clock;
    private final int segmentRecords;

    /**
     * @param store the store itself (its own tier), which records are moved out of
     */
    public Archiver(InventoryStore store, ArchiveObjects objects, Optional<Signer> signer, LedgerVerifier verifier,
                    CheckpointRequests checkpoints, Clock clock, int segmentRecords) {
        this.store = Objects.requireNonNull(store, "store");
        this.objects = Objects.requireNonNull(objects, "objects");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = new LedgerWriter(store, clock);
        if (segmentRecords < 1) {
            throw new IllegalArgumentException("a segment holds at least one record, not " + segmentRecords);
        }
        this.segmentRecords = segmentRecords;
    }

    public ArchiveObjects objects() {
        return objects;
    }

    /**
     * Moves what is older than the tenant's hot window to the archive.
     *
     * @throws LedgerBrokenException when the tenant's ledger does not verify: nothing is moved then
     */
    public Archived archive(String tenant) {
        repair(tenant);
        LedgerVerification verification = verifier.verify(tenant);
        if (!verification.intact()) {
            throw new LedgerBrokenException("archive", verification);
        }
        ExpiryRules rules = new ExpiryRules(verification.retention().policy(), verification.retention().holds());
        Instant now = clock.instant();
        Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(rules.policy().hotWindow()).toInstant();
        long limit = verification.checkpoints().newest().map(c -> c.sequence())
                .orElse(verifier.trust().keys().isEmpty() ? verification.head().sequence() : 0L);
        List<ArchivedSegment> existing = store.segments(tenant);
        long next = existing.isEmpty() ? 1 : existing.get(existing.size() - 1).toSequence() + 1;
        List<ArchivedSegment> written = new ArrayList<>();
        int records = 0;
        int events = 0;
        while (true) {
            List<LedgerRecord> run = oldRecords(tenant, next, cutoff, limit);
            if (run.isEmpty()) {
                break;
            }
            next = run.get(run.size() - 1).sequence() + 1;
            List<LedgerRecord> moved = run.stream().filter(r -> !r.type().keptForever()).toList();
            if (moved.isEmpty()) {
                continue;
            }
            ArchivedSegment segment = write(tenant, run, moved, rules, now);
            written.add(segment);
            records += moved.size();
            events += (int) moved.stream().filter(r -> r.type() == LedgerEntryType.EVENT_ACCEPTED).count();
        }
        if (!written.isEmpty()) {
            checkpoints.request(Set.of(tenant));
        }
        return new Archived(written, records, events);
    }

    /** The next run of records from {@code from}, all recorded before {@code cutoff} and covered by a checkpoint. */
    private List<LedgerRecord> oldRecords(String tenant, long from, Instant cutoff, long limit) {
        List<LedgerRecord> out = new ArrayList<>();
        PageRequest request = PageRequest.first(Math.min(PageRequest.MAX_LIMIT, segmentRecords));
        while (out.size() < segmentRecords) {
            Page<LedgerRecord> page = store.ledger(tenant, from, Optional.empty(), true, request);
            for (LedgerRecord r : page.items()) {
                if (r.sequence() > limit || !r.recordedAt().isBefore(cutoff) || out.size() >= segmentRecords) {
                    return out;
                }
                out.add(r);
            }
            if (page.nextCursor().isEmpty()) {
                return out;
            }
            request = request.next(page.nextCursor().get());
        }
        return out;
    }

    private ArchivedSegment write(String tenant, List<LedgerRecord> run, List<LedgerRecord> moved, ExpiryRules rules,
                                  Instant now) {
        long from = run.get(0).sequence();
        long to = run.get(run.size() - 1).sequence();
        String name = SegmentFile.name(tenant, from, to);
        byte[] bytes = SegmentFile.write(tenant, from, to, moved);
        Optional<Instant> expiresAt = Optional.of(Instant.MIN);
        Set<String> keyIds = new LinkedHashSet<>();
        List<String> eventIds = new ArrayList<>();
        for (LedgerRecord r : moved) {
            r.keyId().ifPresent(keyIds::add);
            expiresAt = later(expiresAt, rules.forLedger(r));
            if (r.type() == LedgerEntryType.EVENT_ACCEPTED) {
                StoredEvent e = TieredEvents.accepted(tenant, r);
                eventIds.add(e.event().dedupKey());
                expiresAt = later(expiresAt, rules.forEvent(e));
            }
        }
        objects.write(name, bytes, expiresAt);
        ArchivedSegment unsigned = new ArchivedSegment(tenant, from, to, run.get(0).previousHash(),
                run.get(run.size() - 1).hash(), moved.size(), run.size() - moved.size(), moved.get(0).recordedAt(),
                moved.get(moved.size() - 1).recordedAt(), name, SegmentCache.sha256(bytes), bytes.length, now, expiresAt,
                "", "");
        ArchivedSegment segment = ArchivedSegment.signed(unsigned, signer);
        store.putSegment(segment, keyIds);
        ledger.append(tenant, LedgerEntryType.SEGMENT_ARCHIVED, Optional.empty(), Json.write(segment), rules);
        store.releaseArchived(tenant, moved.stream().map(LedgerRecord::sequence).toList(), eventIds);
        return segment;
    }

    /**
     * Completes an archive run cut short: the newest indexed segment is ledgered (appended now if the run
     * stopped before), and the store's copies of what it holds are released.
     */
    private void repair(String tenant) {
        List<ArchivedSegment> existing = store.segments(tenant);
        if (existing.isEmpty()) {
            return;
        }
        ArchivedSegment newest = existing.get(existing.size() - 1);
        boolean ledgered = false;
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (!ledgered) {
            Page<LedgerRecord> page = store.ledger(tenant, newest.toSequence() + 1, Optional.empty(), true, request);
            ledgered = page.items().stream().anyMatch(r -> r.type() == LedgerEntryType.SEGMENT_ARCHIVED
                    && r.payload().contains("\"fromSequence\":" + newest.fromSequence() + ","));
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = request.next(page.nextCursor().get());
        }
        if (!ledgered) {
            ledger.append(tenant, LedgerEntryType.SEGMENT_ARCHIVED, Optional.empty(), Json.write(newest),
                    new ExpiryRules(store.retentionPolicy(tenant), store.legalHolds(tenant)));
        }
        List<LedgerRecord> held = new SegmentCache(objects).records(newest);
        store.releaseArchived(tenant, held.stream().map(LedgerRecord::sequence).toList(),
                held.stream().filter(r -> r.type() == LedgerEntryType.EVENT_ACCEPTED)
                        .map(r -> TieredEvents.accepted(tenant, r).event().dedupKey()).toList());
    }

    /**
     * Deletes the tenant's segments whose every record (and event) has expired under {@code rules} at
     * {@code now}; a segment holding anything held is kept. Returns the ledger runs deleted, for the purge
     * to attest.
     */
    public Purged purgeExpired(String tenant, ExpiryRules rules, Instant now) {
        List<PurgedRun> runs = new ArrayList<>();
        List<Long> deleted = new ArrayList<>();
        int records = 0;
        int events = 0;
        SegmentCache reader = new SegmentCache(objects);
        for (ArchivedSegment s : store.segments(tenant)) {
            if (now.isBefore(RetentionPolicy.plus(s.lastRecordedAt(), rules.policy().ledger()))) {
                continue; // its last record has not even reached the ledger's retention
            }
            List<LedgerRecord> held = reader.records(s);
            List<String> eventIds = new ArrayList<>();
            Set<String> keyIds = new LinkedHashSet<>();
            held.forEach(r -> r.keyId().ifPresent(keyIds::add));
            boolean allExpired = true;
            for (LedgerRecord r : held) {
                if (!ExpiryRules.expired(rules.forLedger(r), now)) {
                    allExpired = false;
                    break;
                }
                if (r.type() == LedgerEntryType.EVENT_ACCEPTED) {
                    StoredEvent e = TieredEvents.accepted(tenant, r);
                    if (!ExpiryRules.expired(rules.forEvent(e), now)) {
                        allExpired = false;
                        break;
                    }
                    eventIds.add(e.event().dedupKey());
                }
            }
            if (!allExpired) {
                continue;
            }
            objects.delete(s.objectName());
            store.removeSegment(tenant, s.fromSequence(), keyIds, eventIds);
            runs.addAll(PurgedRuns.of(held));
            deleted.add(s.fromSequence());
            records += held.size();
            events += eventIds.size();
        }
        return new Purged(runs, records, events, deleted);
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }
}
