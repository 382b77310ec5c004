package io.keyledger.core.ledger;

import io.keyledger.core.archive.ArchiveSegmentException;
import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.retention.RetentionTimeline;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.UnreadableRecordException;
import io.keyledger.core.store.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Verifies a tenant's ledger and what it attests, with the public keys only, and names every record at
 * fault (docs/LEDGER.md):
 * <ul>
 *   <li>the hash chain across both tiers: each record matches its hash, chains to the one before and
 *       stands in its place; a gap only where a purge attestation signed by a trusted key bridges it;</li>
 *   <li>the checkpoints, newest from the store and from each anchor outside it: signed by a trusted key,
 *       reached by the chain (truncation and a moved head are found), matched by the record they name
 *       (a rewritten chain is found); records past the newest one recorded within the write window, and
 *       not before it;</li>
 *   <li>retention: the store's policy and legal holds are the ledgered ones, and every stored expiry is one
 *       those rules gave;</li>
 *   <li>each key's record and stored events are those the ledger attests; whatever is gone could have
 *       expired under the ledgered rules;</li>
 *   <li>archived segments: present, unaltered, and those the ledger and the index describe.</li>
 * </ul>
 * A record that cannot be read is named and skipped; nothing here throws for what the store holds.
 */
public final class LedgerVerifier {

    /** Keys checked one by one at most: a tenant with more is checked in full but named up to this many. */
    private static final int PAGE = PageRequest.MAX_LIMIT;

    private final LedgerStore ledger;
    private final Optional<InventoryStore> store;
    private final Clock clock;
    private final LedgerTrust trust;

    /** A verifier of the hash chains alone, as {@code ledger} holds them. */
    public LedgerVerifier(LedgerStore ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.store = Optional.empty();
        // Never read: the chain alone is checked without the time (only the full pass asks for it).
        this.clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        this.trust = LedgerTrust.NONE;
    }

    /**
     * A verifier of everything: built once per entry point by {@code CoreServices}.
     *
     * @param store  the store (its own tier): key records, events, retention settings, checkpoints, archive index
     * @param ledger the ledger as both tiers hold it
     */
    public LedgerVerifier(InventoryStore store, LedgerStore ledger, Clock clock, LedgerTrust trust) {
        this.store = Optional.of(Objects.requireNonNull(store, "store"));
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    public LedgerTrust trust() {
        return trust;
    }

    /** Verifies the tenant's ledger as the store holds it, expired records included. */
    public LedgerVerification verify(String tenant) {
        return verify(tenant, r -> {
        });
    }

    /** Verifies, showing each record read to {@code observer} (a report counting on the way). */
    public LedgerVerification verify(String tenant, Consumer<LedgerRecord> observer) {
        if (store.isEmpty()) {
            List<LedgerBreak> unreadable = new ArrayList<>();
            LedgerVerification v = verifyChain(tenant, LedgerReader.from(ledger, tenant, 1,
                    Optional.of(e -> unreadable.add(unreadable(e)))), ledger.ledgerHead(tenant), observer);
            if (unreadable.isEmpty()) {
                return v;
            }
            List<LedgerBreak> all = new ArrayList<>(v.breaks());
            all.addAll(unreadable);
            return new LedgerVerification(tenant, v.recordsChecked(), v.purgedRecords(), v.head(), all,
                    v.checkpoints(), 0, 0, 0, v.retention());
        }
        return new Pass(tenant, observer).run();
    }

    /** Verifies the hash chain of records given in sequence order against {@code head}: no signature is checked. */
    public static LedgerVerification verify(String tenant, Iterable<LedgerRecord> records, LedgerHead head) {
        return verifyChain(tenant, records, head);
    }

    static LedgerVerification verifyChain(String tenant, Iterable<LedgerRecord> records, LedgerHead head) {
        return verifyChain(tenant, records, head, r -> {
        });
    }

    private static LedgerVerification verifyChain(String tenant, Iterable<LedgerRecord> records, LedgerHead head,
                                                  Consumer<LedgerRecord> observer) {
        ChainWalk walk = new ChainWalk(tenant, TrustedKeys.NONE, List.of());
        for (LedgerRecord r : records) {
            observer.accept(r);
            walk.accept(r);
        }
        walk.finish(head);
        return new LedgerVerification(tenant, walk.checked(), walk.purged(), head, walk.breaks(),
                LedgerVerification.Checkpoints.NOT_CHECKED, 0, 0, 0, LedgerVerification.Retention.UNKNOWN);
    }

    private static LedgerBreak unreadable(UnreadableRecordException e) {
        if (e instanceof ArchiveSegmentException s) {
            return new LedgerBreak(s.segment().fromSequence(), LedgerBreak.Kind.SEGMENT, e.getMessage());
        }
        return new LedgerBreak(e.sequence().orElse(0), LedgerBreak.Kind.UNREADABLE, e.getMessage());
    }

    /** What the ledger last said of a key's record. */
    private record Attested(long sequence, Instant recordedAt, long revision, Optional<String> recordSha256,
                            Optional<String> legacySha256, boolean destroyed, Optional<Instant> destroyedAt) {
    }

    /** An event as the ledger accepted it. */
    private record Accepted(long sequence, KeyEvent event, Instant receivedAt) {
    }

    /** One verification: its state while it reads. */
    private final class Pass {
        private final String tenant;
        private final Consumer<LedgerRecord> observer;
        private final InventoryStore hot = store.orElseThrow();
        private final Instant now = clock.instant();
        private final List<LedgerBreak> breaks = new ArrayList<>();
        private final RetentionTimeline timeline = new RetentionTimeline();
        private final Map<String, Attested> attested = new HashMap<>();
        private final Set<String> keysInLedger = new TreeSet<>();
        private final List<LedgerRecord> unkeyed = new ArrayList<>();
        /** Keys with an altered EVENT_ACCEPTED record: their stored events cannot all be matched, and that is named. */
        private final Set<String> alteredKeys = new HashSet<>();
        private final Map<Long, ArchivedSegment> ledgeredSegments = new LinkedHashMap<>();
        private final Set<Long> purgedSegments = new HashSet<>();
        private final List<String> attestationsDue = new ArrayList<>();
        /** Per key, a digest of the archived segments its records were read from (to hold the index against). */
        private final Map<String, Long> segmentsOfKeys = new HashMap<>();
        private final Map<String, Long> lastSegmentOfKey = new HashMap<>();
        /** Archived events whose idempotency keys the store must still know, checked a batch at a time. */
        private final Map<String, Long> archivedEvents = new LinkedHashMap<>();
        private List<ArchivedSegment> index = List.of();
        private int indexAt;
        private long keysChecked;
        private long eventsChecked;
        private int segmentsRead;

        Pass(String tenant, Consumer<LedgerRecord> observer) {
            this.tenant = tenant;
            this.observer = observer;
        }

        LedgerVerification run() {
            // 1. The checkpoints: the newest the store keeps and the newest each anchor holds.
            List<Checkpoint> candidates = new ArrayList<>();
            Optional<Checkpoint> stored = read(() -> hot.latestCheckpoint(tenant), Optional.<Checkpoint>empty());
            stored.ifPresent(candidates::add);
            Set<String> anchoredSignatures = new HashSet<>();
            for (CheckpointAnchor anchor : trust.anchors()) {
                try {
                    anchor.newest(tenant).ifPresent(c -> {
                        candidates.add(c);
                        anchoredSignatures.add(c.signature());
                    });
                } catch (CheckpointAnchor.AnchorException e) {
                    breaks.add(new LedgerBreak(0, LedgerBreak.Kind.ANCHOR, e.getMessage()));
                }
            }
            if (trust.anchors().stream().noneMatch(CheckpointAnchor::readsWhole)) {
                anchoredAsStored(stored, candidates.stream().filter(c -> anchoredSignatures.contains(c.signature()))
                        .max(Comparator.comparingLong(Checkpoint::sequence)));
            }
            List<Checkpoint> valid = new ArrayList<>();
            if (!trust.keys().isEmpty()) {
                for (Checkpoint c : candidates) {
                    if (trust.keys().verify(c)) {
                        valid.add(c);
                    } else {
                        breaks.add(new LedgerBreak(c.sequence(), LedgerBreak.Kind.UNSIGNED, c + " by key " + c.keyId()
                                + (trust.keys().forId(c.keyId()).isPresent() ? ": its signature does not verify"
                                : ": not a trusted key (" + trust.keys().describe() + ")")));
                    }
                }
            }
            Optional<Checkpoint> newest = valid.stream().max(Comparator.comparingLong(Checkpoint::sequence)
                    .thenComparing(Checkpoint::signedAt));
            // Every checkpoint of the store and of the anchors read whole, each held against the chain.
            breaks.removeIf(b -> b.kind() == LedgerBreak.Kind.UNSIGNED);
            CheckpointStream everyCheckpoint = new CheckpointStream();

            // 2. The archive index.
            index = read(() -> hot.segments(tenant), List.of());

            // 3. The ledger, both tiers, in sequence order.
            LedgerHead head = read(() -> hot.ledgerHead(tenant), LedgerHead.EMPTY);
            ChainWalk walk = new ChainWalk(tenant, trust.keys(), trust.keys().isEmpty()
                    ? List.<Checkpoint>of().iterator() : everyCheckpoint);
            LedgerRecord[] past = new LedgerRecord[2]; // the first and the last record no checkpoint covers
            Iterable<LedgerRecord> records = LedgerReader.from(ledger, tenant, 1, Optional.of(e -> {
                breaks.add(unreadable(e));
                walk.skipped(e.sequence().orElse(0), Math.max(e.sequence().orElse(0), e.resumeAfter()));
            }));
            for (LedgerRecord r : records) {
                observer.accept(r);
                if (walk.accept(r)) {
                    take(r, archived(r));
                }
                if (newest.isEmpty() || r.sequence() > newest.get().sequence()) {
                    past[0] = past[0] == null ? r : past[0];
                    past[1] = r;
                }
            }
            walk.finish(head);
            breaks.addAll(walk.breaks());
            checkArchivedEvents();
            if (!trust.keys().isEmpty()) {
                everyCheckpoint.forEachRemaining(c -> {
                });
                for (Checkpoint c : candidates) {
                    if (!trust.keys().verify(c) && everyCheckpoint.unsigned.add(c.signature())) {
                        breaks.add(unsigned(c));
                    }
                }
            }

            // 4. What the checkpoints say of the end of the ledger.
            LedgerVerification.CheckpointState state = checkpoints(newest, walk, head,
                    Optional.ofNullable(past[0]), Optional.ofNullable(past[1]));

            // 5. What the ledger attests beyond itself.
            retentionSettings();
            segments(index);
            keys();

            LedgerVerification.Checkpoints summary = new LedgerVerification.Checkpoints(state, newest,
                    newest.map(c -> anchoredSignatures.contains(c.signature())).orElse(false),
                    trust.keys().isEmpty() ? Optional.empty() : Optional.of(trust.keys().describe()));
            return new LedgerVerification(tenant, walk.checked(), walk.purged(), head, breaks, summary, keysChecked,
                    eventsChecked, segmentsRead, new LedgerVerification.Retention(true, timeline.policy(),
                    timeline.holds(), attestationsDue));
        }

        /** Takes in an intact record: the rules it sets and what it attests; its expiry is checked once all rules are read. */
        private void take(LedgerRecord r, boolean archived) {
            try {
                timeline.accept(r);
            } catch (RuntimeException e) {
                breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.ALTERED, "unreadable " + r.type() + " payload"));
            }
            if (r.keyId().isPresent()) {
                keysInLedger.add(r.keyId().get());
            } else if (!archived) {
                unkeyed.add(r.withPayload("")); // an archived record keeps no expiry
            }
            switch (r.type()) {
                case ASSET_CHANGED, ASSET_ATTESTED -> r.keyId().ifPresent(k -> attest(k, r));
                case SEGMENT_ARCHIVED -> {
                    try {
                        ArchivedSegment s = SignedPayloads.segment(r);
                        ledgeredSegments.put(s.fromSequence(), s);
                    } catch (IllegalArgumentException e) {
                        // named by the chain walk as an unreadable descriptor
                    }
                }
                case RETENTION_PURGED -> {
                    try {
                        purgedSegments.addAll(PurgeAttestation.fromJson(r.payload()).segments());
                    } catch (IllegalArgumentException e) {
                        // named by the chain walk
                    }
                }
                default -> {
                }
            }
        }

        /**
         * The newest checkpoint the store keeps is the newest in the anchor: one missing from either was
         * removed (the store's copy, or a checkpoints file cut short).
         */
        private void anchoredAsStored(Optional<Checkpoint> stored, Optional<Checkpoint> anchored) {
            if (trust.anchors().isEmpty() || trust.keys().isEmpty() || (stored.isEmpty() && anchored.isEmpty())) {
                return;
            }
            String anchor = trust.anchors().get(0).describe();
            long inStore = stored.map(Checkpoint::sequence).orElse(0L);
            long inAnchor = anchored.map(Checkpoint::sequence).orElse(0L);
            if (inStore > inAnchor) {
                breaks.add(new LedgerBreak(inStore, LedgerBreak.Kind.ANCHOR, stored.get() + " is in the store but not in "
                        + anchor + (anchored.isPresent() ? ", whose newest covers record " + inAnchor : ", which holds none")));
            } else if (inAnchor > inStore) {
                breaks.add(new LedgerBreak(inAnchor, LedgerBreak.Kind.ANCHOR, anchored.get() + " is in " + anchor
                        + " but gone from the store" + (stored.isPresent() ? ", whose latest covers record " + inStore : "")));
            }
        }

        private LedgerBreak unsigned(Checkpoint c) {
            return new LedgerBreak(c.sequence(), LedgerBreak.Kind.UNSIGNED, c + " by key " + c.keyId()
                    + (trust.keys().forId(c.keyId()).isPresent() ? ": its signature does not verify"
                    : ": not a trusted key (" + trust.keys().describe() + ")"));
        }

        /**
         * Every checkpoint the store keeps and every one the anchors read whole hold, merged in sequence order,
         * each once: one not signed by a trusted key is named, one in the store and not in such an anchor (or
         * the other way round) too; those signed go on to be held against the chain.
         */
        private final class CheckpointStream implements java.util.Iterator<Checkpoint> {
            private final java.util.Iterator<Checkpoint> inStore = new CheckpointPages(hot, tenant);
            private final List<java.util.Iterator<Checkpoint>> inAnchors = new ArrayList<>();
            private final List<String> anchorNames = new ArrayList<>();
            private final List<Checkpoint> heads = new ArrayList<>();
            private final Set<String> unsigned = new HashSet<>();
            private final Set<Integer> unreadable = new HashSet<>();
            private Checkpoint next;

            CheckpointStream() {
                heads.add(null);
                for (CheckpointAnchor anchor : trust.anchors()) {
                    if (!anchor.readsWhole()) {
                        continue;
                    }
                    try {
                        inAnchors.add(anchor.all(tenant).iterator());
                        anchorNames.add(anchor.describe());
                        heads.add(null);
                    } catch (CheckpointAnchor.AnchorException e) {
                        // named when the anchor's newest was read
                    }
                }
                advance();
            }

            private java.util.Iterator<Checkpoint> source(int i) {
                return i == 0 ? inStore : inAnchors.get(i - 1);
            }

            private void advance() {
                next = null;
                while (next == null) {
                    for (int i = 0; i < heads.size(); i++) {
                        if (heads.get(i) == null && !unreadable.contains(i)) {
                            try {
                                if (source(i).hasNext()) {
                                    heads.set(i, source(i).next());
                                }
                            } catch (UnreadableRecordException e) {
                                breaks.add(unreadable(e));
                                unreadable.add(i); // the rest of this source is not read
                            }
                        }
                    }
                    Optional<Checkpoint> least = heads.stream().filter(java.util.Objects::nonNull)
                            .min(Comparator.comparingLong(Checkpoint::sequence).thenComparing(Checkpoint::signature));
                    if (least.isEmpty()) {
                        return;
                    }
                    Checkpoint c = least.get();
                    boolean stored = false;
                    List<String> missingFrom = new ArrayList<>();
                    for (int i = 0; i < heads.size(); i++) {
                        Checkpoint h = heads.get(i);
                        boolean here = h != null && h.sequence() == c.sequence() && h.signature().equals(c.signature());
                        if (here) {
                            heads.set(i, null);
                            stored |= i == 0;
                        } else if (i > 0) {
                            missingFrom.add(anchorNames.get(i - 1));
                        }
                    }
                    if (!trust.keys().verify(c)) {
                        if (unsigned.add(c.signature())) {
                            breaks.add(unsigned(c));
                        }
                        continue;
                    }
                    if (!stored) {
                        breaks.add(new LedgerBreak(c.sequence(), LedgerBreak.Kind.ANCHOR, c + " is in "
                                + String.join(", ", anchorNames) + " but gone from the store"));
                    } else if (!missingFrom.isEmpty()) {
                        breaks.add(new LedgerBreak(c.sequence(), LedgerBreak.Kind.ANCHOR, c + " is in the store but not in "
                                + String.join(", ", missingFrom)));
                    }
                    next = c;
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Checkpoint next() {
                Checkpoint c = next;
                advance();
                return c;
            }
        }

        /**
         * Notes where an archived record was read from (the index of its key, the idempotency key of its event);
         * returns whether it is archived.
         */
        private boolean archived(LedgerRecord r) {
            while (indexAt < index.size() && index.get(indexAt).toSequence() < r.sequence()) {
                indexAt++;
            }
            if (indexAt >= index.size() || !index.get(indexAt).covers(r.sequence()) || r.type().keptForever()) {
                return false;
            }
            long from = index.get(indexAt).fromSequence();
            r.keyId().ifPresent(k -> {
                if (!Long.valueOf(from).equals(lastSegmentOfKey.put(k, from))) {
                    segmentsOfKeys.merge(k, mix(from), Long::sum);
                }
            });
            if (r.type() == LedgerEntryType.EVENT_ACCEPTED) {
                accepted(r).ifPresent(a -> archivedEvents.put(a.event().dedupKey(), r.sequence()));
                if (archivedEvents.size() >= PAGE) {
                    checkArchivedEvents();
                }
            }
            return true;
        }

        /** The store still knows each archived event by its idempotency key, or a redelivery would be taken anew. */
        private void checkArchivedEvents() {
            if (archivedEvents.isEmpty()) {
                return;
            }
            Set<String> known = read(() -> hot.archivedEvents(tenant, List.copyOf(archivedEvents.keySet())), null);
            if (known != null) {
                archivedEvents.forEach((id, sequence) -> {
                    if (!known.contains(id)) {
                        breaks.add(new LedgerBreak(sequence, LedgerBreak.Kind.EVENT, "archived event " + id
                                + " is no longer known to the store: a redelivery of it would be taken as new"));
                    }
                });
            }
            archivedEvents.clear();
        }

        private static long mix(long from) {
            long h = from * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 31);
        }

        /** A ledger record's stored expiry is one the ledgered rules gave it. */
        private void checkExpiry(LedgerRecord r) {
            if (!timeline.allows(r.expiresAt(), r.recordedAt().minus(trust.writeWindow()), now, rules -> rules.forLedger(r))) {
                breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.EXPIRY, "its stored expiry "
                        + r.expiresAt().map(Instant::toString).orElse("(none)") + " is not what retention gives ("
                        + timeline.current().forLedger(r).map(Instant::toString).orElse("none") + ")"));
            }
        }

        private void attest(String keyId, LedgerRecord r) {
            try {
                JsonNode p = Json.mapper().readTree(r.payload());
                String stateAfter = p.path("stateAfter").asString("");
                boolean destroyed = stateAfter.equals(LifecycleState.DESTROYED.name())
                        || stateAfter.equals(LifecycleState.DESTROYED_COMPROMISED.name());
                Optional<Instant> destroyedAt = text(p, "destroyedAt").map(Instant::parse);
                attested.put(keyId, new Attested(r.sequence(), r.recordedAt(), p.path("revision").asLong(0),
                        text(p, "recordSha256"), text(p, "assetSha256"), destroyed, destroyedAt));
            } catch (JacksonException | java.time.format.DateTimeParseException e) {
                breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.ALTERED, "unreadable " + r.type() + " payload"));
            }
        }

        private LedgerVerification.CheckpointState checkpoints(Optional<Checkpoint> newest, ChainWalk walk,
                                                              LedgerHead head, Optional<LedgerRecord> firstPast,
                                                              Optional<LedgerRecord> lastPast) {
            if (trust.keys().isEmpty()) {
                return LedgerVerification.CheckpointState.NOT_CHECKED;
            }
            boolean failed = breaks.stream().anyMatch(b -> b.kind() == LedgerBreak.Kind.ANCHOR
                    || (b.kind() == LedgerBreak.Kind.UNSIGNED && b.detail().startsWith("checkpoint")))
                    || walk.breaks().stream().anyMatch(b -> b.kind() == LedgerBreak.Kind.REWRITTEN);
            if (newest.isPresent()) {
                Checkpoint c = newest.get();
                long reached = Math.min(walk.lastSequence(), head.sequence());
                if (reached < c.sequence()) {
                    failed = true;
                    breaks.add(new LedgerBreak(reached + 1, LedgerBreak.Kind.TRUNCATED, "the ledger "
                            + (head.sequence() < c.sequence() ? "head says record " + head.sequence() + " is the last"
                            : "ends at record " + walk.lastSequence()) + ", but " + c + " covers records up to "
                            + c.sequence()));
                }
                if (firstPast.isPresent() && firstPast.get().recordedAt().isBefore(c.signedAt().minus(trust.writeWindow()))) {
                    breaks.add(new LedgerBreak(firstPast.get().sequence(), LedgerBreak.Kind.BACKDATED, "past " + c
                            + ", it says it was recorded at " + firstPast.get().recordedAt()));
                }
                firstPast.ifPresent(first -> uncovered(first, lastPast.orElse(first),
                        "the newest checkpoint covers records up to " + c.sequence() + " (signed " + c.signedAt() + ")"));
            } else {
                firstPast.ifPresent(first -> uncovered(first, lastPast.orElse(first),
                        "no checkpoint has been signed (run 'keyledger checkpoints sign')"));
            }
            if (failed) {
                return LedgerVerification.CheckpointState.FAILED;
            }
            return newest.isPresent() ? LedgerVerification.CheckpointState.VERIFIED : LedgerVerification.CheckpointState.NONE;
        }

        /** Records from {@code first} on that no checkpoint covers: a finding once the write window has passed. */
        private void uncovered(LedgerRecord first, LedgerRecord last, String why) {
            if (first.recordedAt().isBefore(now.minus(trust.writeWindow()))) {
                breaks.add(new LedgerBreak(first.sequence(), LedgerBreak.Kind.UNCHECKPOINTED, "records "
                        + first.sequence() + (last.sequence() > first.sequence() ? " to " + last.sequence() : "")
                        + " are covered by no checkpoint although recorded at " + first.recordedAt()
                        + ", more than the write window (" + trust.writeWindow() + ") ago; " + why));
            }
        }

        /** What the store reads, or {@code otherwise} with the reason named when it cannot be read. */
        private <T> T read(java.util.function.Supplier<T> reading, T otherwise) {
            try {
                return reading.get();
            } catch (UnreadableRecordException e) {
                breaks.add(unreadable(e));
                return otherwise;
            }
        }

        /** The store's retention settings are those the ledger says were set. */
        private void retentionSettings() {
            try {
                retentionSettingsAsStored();
            } catch (UnreadableRecordException e) {
                breaks.add(unreadable(e));
            }
        }

        private void retentionSettingsAsStored() {
            RetentionPolicy stored = hot.retentionPolicy(tenant);
            if (!stored.equals(timeline.policy())) {
                breaks.add(new LedgerBreak(0, LedgerBreak.Kind.RETENTION_SETTINGS, "the store's retention policy "
                        + stored + " is not the ledgered one " + timeline.policy()
                        + (timeline.currentSince() > 0 ? "" : " (the default: no policy was ever set)")));
            }
            Map<Optional<String>, LegalHold> ledgered = new LinkedHashMap<>();
            timeline.holds().forEach(h -> ledgered.put(h.keyId(), h));
            for (LegalHold h : hot.legalHolds(tenant)) {
                LegalHold expected = ledgered.remove(h.keyId());
                if (expected == null) {
                    breaks.add(new LedgerBreak(0, LedgerBreak.Kind.RETENTION_SETTINGS, "legal hold on " + scope(h.keyId())
                            + " is in the store but was never placed in the ledger (or was lifted)"));
                } else if (!expected.equals(h)) {
                    breaks.add(new LedgerBreak(0, LedgerBreak.Kind.RETENTION_SETTINGS, "legal hold on " + scope(h.keyId())
                            + " is not the one placed in the ledger"));
                }
            }
            ledgered.values().forEach(h -> breaks.add(new LedgerBreak(0, LedgerBreak.Kind.RETENTION_SETTINGS,
                    "legal hold on " + scope(h.keyId()) + ", placed in the ledger and not lifted, is gone from the store")));
        }

        private String scope(Optional<String> keyId) {
            return keyId.map(k -> "key " + k).orElse("tenant " + tenant);
        }

        /** The index matches the ledgered segments; the segments were read (or named) by the walk. */
        private void segments(List<ArchivedSegment> index) {
            Map<Long, ArchivedSegment> indexed = new LinkedHashMap<>();
            index.forEach(s -> indexed.put(s.fromSequence(), s));
            segmentsRead = index.size();
            for (ArchivedSegment s : ledgeredSegments.values()) {
                if (purgedSegments.contains(s.fromSequence())) {
                    continue;
                }
                ArchivedSegment i = indexed.remove(s.fromSequence());
                if (i == null) {
                    breaks.add(new LedgerBreak(s.fromSequence(), LedgerBreak.Kind.SEGMENT, s.describe()
                            + " is gone from the store's archive index"));
                } else if (!i.equals(s)) {
                    breaks.add(new LedgerBreak(s.fromSequence(), LedgerBreak.Kind.SEGMENT, s.describe()
                            + ": the archive index does not describe it as the ledger does"));
                }
            }
            indexed.values().forEach(s -> breaks.add(new LedgerBreak(s.fromSequence(), LedgerBreak.Kind.SEGMENT,
                    s.describe() + " is in the archive index but no ledger record archived it")));
        }

        /** Each key's record and stored events against what the ledger attests. */
        private void keys() {
            Set<String> seen = new HashSet<>();
            PageRequest request = PageRequest.first(PAGE);
            while (true) {
                Page<CryptoAsset> page;
                try {
                    page = hot.assets(tenant, AssetQuery.ALL, request);
                } catch (UnreadableRecordException e) {
                    breaks.add(new LedgerBreak(0, LedgerBreak.Kind.UNREADABLE, e.getMessage()));
                    return;
                }
                for (CryptoAsset a : page.items()) {
                    seen.add(a.id());
                    checkKey(a.id(), true);
                }
                if (page.nextCursor().isEmpty()) {
                    break;
                }
                request = request.next(page.nextCursor().get());
            }
            unkeyed.forEach(this::checkExpiry);
            for (String keyId : keysInLedger) {
                if (!seen.contains(keyId)) {
                    seen.add(keyId);
                    checkKey(keyId, false);
                }
            }
            for (Map.Entry<String, Attested> e : attested.entrySet()) {
                if (!seen.contains(e.getKey())) {
                    missingRecord(e.getKey(), e.getValue());
                }
            }
        }

        private void checkKey(String keyId, boolean listed) {
            keysChecked++;
            try {
                if (listed) {
                    checkRecord(keyId);
                } else if (attested.containsKey(keyId)) {
                    missingRecord(keyId, attested.get(keyId));
                }
                checkEvents(keyId);
                checkArchiveIndex(keyId);
            } catch (UnreadableRecordException e) {
                breaks.add(new LedgerBreak(e.sequence().orElse(0), LedgerBreak.Kind.UNREADABLE, e.getMessage()));
            }
        }

        /** The archive index lists, for the key, exactly the segments its records were read from. */
        private void checkArchiveIndex(String keyId) {
            List<ArchivedSegment> listed = hot.segmentsOfKey(tenant, keyId);
            long digest = listed.stream().mapToLong(seg -> mix(seg.fromSequence())).sum();
            if (digest != segmentsOfKeys.getOrDefault(keyId, 0L)) {
                breaks.add(new LedgerBreak(listed.isEmpty() ? 0 : listed.get(0).fromSequence(), LedgerBreak.Kind.SEGMENT,
                        "the archive index does not list for key " + keyId + " the segments its records are in"));
            }
        }

        private void checkRecord(String keyId) {
            Optional<Versioned<CryptoAsset>> stored = hot.asset(tenant, keyId);
            Attested a = attested.get(keyId);
            if (stored.isEmpty()) {
                return; // listed a moment ago; expired or purged since
            }
            CryptoAsset asset = stored.get().value();
            if (a == null) {
                breaks.add(new LedgerBreak(0, LedgerBreak.Kind.KEY_RECORD, "key record " + keyId
                        + " is attested by no ledger record"));
                return;
            }
            boolean digestMatches = a.recordSha256().map(d -> d.equals(AssetDigest.of(asset)))
                    .orElseGet(() -> a.legacySha256().map(d -> d.equals(LedgerHash.sha256Hex(Json.write(asset))))
                            .orElse(false));
            if (!digestMatches) {
                breaks.add(new LedgerBreak(a.sequence(), LedgerBreak.Kind.KEY_RECORD, "key record " + keyId
                        + " is not the one this record attests"));
            } else if (stored.get().revision() != a.revision()) {
                breaks.add(new LedgerBreak(a.sequence(), LedgerBreak.Kind.KEY_RECORD, "key record " + keyId
                        + " has revision " + stored.get().revision() + ", the ledger attests revision " + a.revision()));
            } else if (!timeline.allows(asset.retainedUntil(), a.recordedAt().minus(trust.writeWindow()), now,
                    rules -> rules.forAsset(asset))) {
                breaks.add(new LedgerBreak(a.sequence(), LedgerBreak.Kind.EXPIRY, "key record " + keyId
                        + " is to be kept until " + asset.retainedUntil().map(Instant::toString).orElse("(always)")
                        + ", which is not what retention gives"));
            }
            if (ExpiryRules.expired(timeline.current().forLedger(attestingRecord(keyId, a)), now)) {
                attestationsDue.add(keyId);
            }
        }

        /** A stand-in of the attesting record, for its expiry (which depends on its type, key and time only). */
        private LedgerRecord attestingRecord(String keyId, Attested a) {
            return new LedgerRecord(tenant, a.sequence(), a.recordedAt(), LedgerEntryType.ASSET_CHANGED,
                    Optional.of(keyId), "", "", "", Optional.empty());
        }

        private void missingRecord(String keyId, Attested a) {
            boolean couldExpire = a.destroyed() && timeline.couldHaveExpired(a.recordedAt(), now, rules -> rules.held(
                    Optional.of(keyId)) ? Optional.empty()
                    : Optional.of(RetentionPolicy.plus(a.destroyedAt().orElse(a.recordedAt()),
                    rules.policy().destroyedMetadata())));
            if (!couldExpire) {
                breaks.add(new LedgerBreak(a.sequence(), LedgerBreak.Kind.KEY_RECORD, "key record " + keyId
                        + " is gone from the store" + (a.destroyed() ? " before its retention ended"
                        : " although the key was not destroyed")));
            }
        }

        private void checkEvents(String keyId) {
            Map<String, Accepted> accepted = new LinkedHashMap<>();
            PageRequest request = PageRequest.first(PAGE);
            while (true) {
                Page<LedgerRecord> page = hot.ledger(tenant, 1, Optional.of(keyId), true, request);
                for (LedgerRecord r : page.items()) {
                    if (!r.hashMatchesContent()) {
                        // Named by the walk; the event it claims to accept is not named again as never accepted.
                        if (r.type() == LedgerEntryType.EVENT_ACCEPTED) {
                            alteredKeys.add(keyId);
                        }
                        continue;
                    }
                    checkExpiry(r);
                    if (r.type() == LedgerEntryType.EVENT_ACCEPTED) {
                        accepted(r).ifPresent(a -> accepted.put(a.event().dedupKey(), a));
                    }
                }
                if (page.nextCursor().isEmpty()) {
                    break;
                }
                request = request.next(page.nextCursor().get());
            }
            List<StoredEvent> stored = hot.eventsForKey(tenant, keyId);
            for (StoredEvent e : stored) {
                eventsChecked++;
                Accepted a = accepted.remove(e.event().dedupKey());
                if (a == null) {
                    unledgered(keyId, e);
                } else if (!a.event().equals(e.event())) {
                    breaks.add(new LedgerBreak(a.sequence(), LedgerBreak.Kind.EVENT, "event " + e.event().dedupKey()
                            + " of key " + keyId + " is not the one this record accepted"));
                } else if (!a.receivedAt().equals(e.receivedAt())) {
                    breaks.add(new LedgerBreak(a.sequence(), LedgerBreak.Kind.EVENT, "event " + e.event().dedupKey()
                            + " of key " + keyId + " says it was received at " + e.receivedAt() + ", the ledger "
                            + a.receivedAt()));
                } else if (!timeline.allows(e.expiresAt(), a.receivedAt().minus(trust.writeWindow()), now,
                        rules -> rules.forEvent(e))) {
                    breaks.add(new LedgerBreak(a.sequence(), LedgerBreak.Kind.EXPIRY, "event " + e.event().dedupKey()
                            + " of key " + keyId + " expires at " + e.expiresAt().map(Instant::toString).orElse("(never)")
                            + ", which is not what retention gives"));
                }
            }
            for (Accepted a : accepted.values()) {
                StoredEvent asAccepted = new StoredEvent(tenant, a.event(), a.receivedAt(), Optional.empty());
                if (!timeline.couldHaveExpired(a.receivedAt(), now, rules -> rules.forEvent(asAccepted))) {
                    breaks.add(new LedgerBreak(a.sequence(), LedgerBreak.Kind.EVENT, "event " + a.event().dedupKey()
                            + " of key " + keyId + " is gone from the store (or hidden) before its retention ended"));
                }
            }
        }

        /** A stored event without an accepting record in the store: archived, purged, or never accepted. */
        private void unledgered(String keyId, StoredEvent e) {
            Optional<Accepted> archived = Optional.empty();
            if (!hot.segmentsOfKey(tenant, keyId).isEmpty()) {
                PageRequest request = PageRequest.first(PAGE);
                while (archived.isEmpty()) {
                    Page<LedgerRecord> page = ledger.ledger(tenant, 1, Optional.of(keyId), true, request);
                    archived = page.items().stream().filter(r -> r.type() == LedgerEntryType.EVENT_ACCEPTED)
                            .map(this::accepted).flatMap(Optional::stream)
                            .filter(a -> a.event().dedupKey().equals(e.event().dedupKey())).findFirst();
                    if (page.nextCursor().isEmpty()) {
                        break;
                    }
                    request = request.next(page.nextCursor().get());
                }
            }
            if (archived.isPresent()) {
                if (!archived.get().event().equals(e.event())) {
                    breaks.add(new LedgerBreak(archived.get().sequence(), LedgerBreak.Kind.EVENT, "event "
                            + e.event().dedupKey() + " of key " + keyId + " is not the one this record accepted"));
                }
                return;
            }
            LedgerRecord accepting = new LedgerRecord(tenant, 1, e.receivedAt(), LedgerEntryType.EVENT_ACCEPTED,
                    Optional.of(keyId), "", "", "", Optional.empty());
            if (!alteredKeys.contains(keyId)
                    && !timeline.couldHaveExpired(e.receivedAt(), now, rules -> rules.forLedger(accepting))) {
                breaks.add(new LedgerBreak(0, LedgerBreak.Kind.EVENT, "event " + e.event().dedupKey() + " of key "
                        + keyId + " was never accepted in the ledger"));
            }
        }

        private Optional<Accepted> accepted(LedgerRecord r) {
            try {
                JsonNode p = Json.mapper().readTree(r.payload());
                KeyEvent event = Json.mapper().treeToValue(p.path("event"), KeyEvent.class);
                return Optional.of(new Accepted(r.sequence(), event, Instant.parse(p.path("receivedAt").asString())));
            } catch (RuntimeException e) {
                breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.ALTERED, "unreadable accepted event"));
                return Optional.empty();
            }
        }

        private Optional<String> text(JsonNode node, String field) {
            JsonNode v = node.path(field);
            return v.isString() && !v.asString().isEmpty() ? Optional.of(v.asString()) : Optional.empty();
        }
    }
}
