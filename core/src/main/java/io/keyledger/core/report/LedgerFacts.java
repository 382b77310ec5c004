package io.keyledger.core.report;

import io.keyledger.core.access.AccessFacts;
import io.keyledger.core.feed.FeedFacts;
import io.keyledger.core.alert.AnomalyPolicy;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One pass over a tenant's ledger, expired records included, that verifies the hash chain
 * ({@link LedgerVerifier}) and counts on the way: records per type, accepted events that name who made
 * them and through which channel, and watched changes that carry a change reference.
 */
final class LedgerFacts {

    LedgerVerification verification;
    final Map<LedgerEntryType, Long> byType = new EnumMap<>(LedgerEntryType.class);
    long eventsIdentified;
    long watchedChanges;
    long watchedChangesWithReference;
    Optional<Instant> lastEventRecordedAt = Optional.empty();
    /** The newest recorded evidence snapshots, oldest first. */
    final java.util.Deque<EvidenceSnapshot> snapshots = new java.util.ArrayDeque<>();
    /** Tokens issued, requests refused and access reviews. */
    final AccessFacts access;
    /** Coordination feeds exported and imported. */
    final FeedFacts feeds = new FeedFacts();

    private LedgerFacts(Instant now) {
        this.access = new AccessFacts(now);
    }

    static LedgerFacts gather(LedgerStore store, String tenant, AnomalyPolicy.ChangeReference references, Instant now) {
        LedgerFacts f = new LedgerFacts(now);
        for (LedgerEntryType t : LedgerEntryType.values()) {
            f.byType.put(t, 0L);
        }
        Iterable<LedgerRecord> counted = () -> new CountingIterator(store, tenant, r -> f.add(r, references));
        f.verification = LedgerVerifier.verify(tenant, counted, store.ledgerHead(tenant));
        return f;
    }

    /** Verifies with {@code verifier} (checkpoints, key records and events included), counting on the way. */
    static LedgerFacts gather(LedgerVerifier verifier, String tenant, AnomalyPolicy.ChangeReference references,
                              Instant now) {
        LedgerFacts f = new LedgerFacts(now);
        for (LedgerEntryType t : LedgerEntryType.values()) {
            f.byType.put(t, 0L);
        }
        f.verification = verifier.verify(tenant, r -> f.add(r, references));
        return f;
    }

    long events() {
        return byType.get(LedgerEntryType.EVENT_ACCEPTED);
    }

    private void add(LedgerRecord r, AnomalyPolicy.ChangeReference references) {
        byType.merge(r.type(), 1L, Long::sum);
        access.add(r);
        feeds.add(r);
        if (r.type() == LedgerEntryType.EVIDENCE_RECORDED) {
            EvidenceSnapshot.fromPayload(r.payload()).ifPresent(s -> {
                snapshots.addLast(s);
                if (snapshots.size() > EvidenceCharts.MAX_HISTORY) {
                    snapshots.removeFirst();
                }
            });
            return;
        }
        if (r.type() != LedgerEntryType.EVENT_ACCEPTED) {
            return;
        }
        if (lastEventRecordedAt.isEmpty() || r.recordedAt().isAfter(lastEventRecordedAt.get())) {
            lastEventRecordedAt = Optional.of(r.recordedAt());
        }
        JsonNode event;
        try {
            event = Json.mapper().readTree(r.payload()).path("event");
        } catch (JacksonException e) {
            return; // an altered record: the verification names it
        }
        String principal = event.path("actor").path("principal").asString("");
        String channel = event.path("source").path("kind").asString("");
        if (!principal.isBlank() && !"unknown".equals(principal) && !channel.isBlank()) {
            eventsIdentified++;
        }
        Action action;
        try {
            action = Action.valueOf(event.path("action").asString(""));
        } catch (IllegalArgumentException e) {
            return;
        }
        if (references.actions().contains(action) && "SUCCESS".equals(event.path("outcome").path("status").asString("SUCCESS"))) {
            watchedChanges++;
            JsonNode attributes = event.path("attributes");
            boolean referenced = !attributes.path(KeyAttribute.CHANGE_REFERENCE.wireName()).asString("").isBlank()
                    || references.tags().stream().anyMatch(t ->
                    !attributes.path(KeyAttribute.TAG_PREFIX + t).asString("").isBlank());
            if (referenced) {
                watchedChangesWithReference++;
            }
        }
    }

    /** Pages through the ledger for the verifier, showing each record to a counter first. */
    private static final class CountingIterator implements Iterator<LedgerRecord> {
        private final LedgerStore store;
        private final String tenant;
        private final java.util.function.Consumer<LedgerRecord> counter;
        private Iterator<LedgerRecord> current = List.<LedgerRecord>of().iterator();
        private PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        private boolean lastPage;

        CountingIterator(LedgerStore store, String tenant, java.util.function.Consumer<LedgerRecord> counter) {
            this.store = store;
            this.tenant = tenant;
            this.counter = counter;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !lastPage) {
                Page<LedgerRecord> page = store.ledger(tenant, 1, Optional.empty(), true, request);
                current = page.items().iterator();
                if (page.nextCursor().isPresent()) {
                    request = request.next(page.nextCursor().get());
                } else {
                    lastPage = true;
                }
            }
            return current.hasNext();
        }

        @Override
        public LedgerRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LedgerRecord r = current.next();
            counter.accept(r);
            return r;
        }
    }
}
