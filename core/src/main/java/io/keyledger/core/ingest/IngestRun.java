package io.keyledger.core.ingest;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.event.AttributeValues;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.ProtectedResources;
import io.keyledger.core.key.Provider;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import io.keyledger.core.tenant.TenantIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The working memory of an ingest over one or more batches ({@link InventoryService#apply} is a run of one
 * batch; {@link InventoryService#run} spans many): the uses read but not yet merged into the usage rollups, and
 * what the run last saw of the keys' records, rollups and stored events, so that a key read once is not read
 * again per event.
 *
 * <p>Everything here is bounded: at most {@value #MAX_PENDING_KEYS} keys' uses wait (more, and the run writes
 * them all at the end of the batch); the run remembers at most {@value #MAX_KNOWN_KEYS} other keys, of which
 * {@value #MAX_KNOWN_RECORDS} keys' records, {@value #MAX_KNOWN_ROLLUPS} rollups and {@value #MAX_KNOWN_EVENTS} stored
 * events (least recently used keys first out); a key with more than {@value #MAX_KNOWN_EVENTS_PER_KEY} events is
 * held as the fold of its older events and its newest few. What it remembers is only a
 * starting point: every write of a record is conditional on the revision it saw, and a record another writer
 * changed meanwhile is read again. A rollup only grows (merging is a union), so a use that the remembered rollup
 * already covers is covered by the stored one too.
 *
 * <p>One thread at a time.
 */
public final class IngestRun implements AutoCloseable {

    static final int MAX_PENDING_KEYS = 20_000;
    static final int MAX_KNOWN_KEYS = 20_000;
    static final int MAX_KNOWN_RECORDS = 2_000;
    static final int MAX_KNOWN_ROLLUPS = 2_000;
    static final int MAX_KNOWN_EVENTS = 4_000;
    static final int MAX_KNOWN_EVENTS_PER_KEY = 256;
    /**
     * A key with more stored events than {@value #MAX_KNOWN_EVENTS_PER_KEY} is held as the fold of its oldest events
     * and its newest ones, {@value #UNFOLDED_EVENTS_KEPT} to {@value #MAX_UNFOLDED_EVENTS} of them.
     */
    static final int UNFOLDED_EVENTS_KEPT = 16;
    static final int MAX_UNFOLDED_EVENTS = 64;
    /**
     * How many ids of events the run remembers in all as folded into the keys' bases, and as accepted by the ledger:
     * a key's events redelivered one after another are then each checked against these, not against its whole
     * history read again.
     */
    static final int MAX_KNOWN_FOLDED = 50_000;
    static final int MAX_KNOWN_ACCEPTED = 20_000;

    private final InventoryService service;
    private final boolean perBatch;
    private final List<Alert> raised = new ArrayList<>();
    private final Known known = new Known();
    /** The keys with uses not yet written, in the order their first use came. */
    private final java.util.LinkedHashSet<KeyState> pending = new java.util.LinkedHashSet<>();
    /** The keys whose events the run knows, least recently used first, and how many events that is in all. */
    private final LinkedHashMap<KeyState, Boolean> eventHolders = new LinkedHashMap<>(256, 0.75f, true);
    /** The keys whose records the run holds, least recently used first. */
    private final LinkedHashMap<KeyState, Boolean> recordHolders = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<KeyState, Boolean> eldest) {
            if (size() <= MAX_KNOWN_RECORDS) {
                return false;
            }
            eldest.getKey().record = null;
            return true;
        }
    };
    /** The keys whose rollups the run holds, least recently used first. */
    private final LinkedHashMap<KeyState, Boolean> rollupHolders = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<KeyState, Boolean> eldest) {
            if (size() <= MAX_KNOWN_ROLLUPS) {
                return false;
            }
            eldest.getKey().rollup = null;
            return true;
        }
    };
    private int knownEvents;
    private int knownFolded;
    /** The keys whose events the ledger was found to accept, least recently used first, and how many events in all. */
    private final LinkedHashMap<KeyState, Boolean> acceptedHolders = new LinkedHashMap<>(256, 0.75f, true);
    private int knownAccepted;
    private final Map<String, ExpiryRules> rules = new HashMap<>();
    private final Map<Provider, Map<String, String>> tenants = new java.util.EnumMap<>(Provider.class);
    private final List<Rejection> refused = new ArrayList<>();

    /**
     * A key of a tenant; looked up for every event. By the key's reference rather than its id, which would be built
     * (and hashed) anew for each lookup; decoders hand out the same reference for the same key.
     */
    private static final class TenantKey {
        private final String tenant;
        private final KeyRef ref;
        private final int hash;

        TenantKey(String tenant, KeyRef ref) {
            this.tenant = tenant;
            this.ref = ref;
            this.hash = tenant.hashCode() * 31 + ref.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TenantKey k && hash == k.hash && (ref == k.ref || ref.equals(k.ref))
                    && tenant.equals(k.tenant);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** What the run knows of one key; null fields are not known yet. Equal only to itself. */
    static final class KeyState {
        private final String tenant;
        private final KeyRef ref;
        private final String keyId;
        private Optional<Versioned<CryptoAsset>> record;
        /** Whether the record, last seen, was destroyed: kept when the record itself is let go. */
        private Boolean destroyed;
        private UsageContext rollup;
        private List<StoredEvent> events;
        /** When set, {@link #events} holds only the events after it. */
        private FoldBase base;
        /** The ids of the key's events whose acceptance the ledger was found to hold in this run. */
        private Set<String> accepted;
        private PendingUsage pending;
        /** The revision of the record the ledger was last found to attest in this run (-1: none yet). */
        private long attestedRevision = -1;

        KeyState(String tenant, KeyRef key) {
            this.tenant = tenant;
            this.ref = key;
            this.keyId = key.id();
        }
    }

    /** The keys the run knows, least recently used first; a key whose uses wait is never let go. */
    private final class Known extends LinkedHashMap<TenantKey, KeyState> {
        Known() {
            super(1024, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<TenantKey, KeyState> eldest) {
            if (size() <= MAX_KNOWN_KEYS + pending.size() || eldest.getValue().pending != null) {
                return false;
            }
            forgetEvents(eldest.getValue());
            forgetAccepted(eldest.getValue());
            recordHolders.remove(eldest.getValue());
            rollupHolders.remove(eldest.getValue());
            return true;
        }
    }

    /**
     * A key's uses not yet written: their merged usage, the last of them, and (in a batch run) their positions.
     * Most uses of a key name the same services as the one before, and differ only in time and principal: those
     * only move the last use, which is kept apart until the usage is asked for.
     */
    private static final class PendingUsage {
        /** Distinct service sets remembered per key: a key is used by a few services, in turns. */
        private static final int DISTINCT = 8;
        private static final String SERVICE = KeyAttribute.USED_BY_SERVICE.wireName();
        private static final String AI_SERVICE = KeyAttribute.USED_BY_AI_SERVICE.wireName();
        private static final String CATEGORY = KeyAttribute.AI_USAGE_CATEGORY.wireName();
        private static final String PRINCIPAL = KeyAttribute.USED_BY_PRINCIPAL.wireName();
        private static final String PROTECTED = KeyAttribute.PROTECTED_RESOURCE.wireName();
        /** Protected resources remembered per key as already added. */
        private static final int RESOURCES = 8;

        private UsageContext usage = UsageContext.NONE;
        /** The (service, AI service, AI category) attributes of uses already merged, three per entry. */
        private final List<String> distinct = new ArrayList<>(6);
        /** The protected resources of uses already added (at most {@value #RESOURCES}). */
        private final java.util.Set<String> resources = new java.util.HashSet<>();
        /**
         * The resources of the uses that took the short way, added in place: merged into the usage once, when it is
         * asked for, rather than a copy of the sketch per use (a key's uses name many resources).
         */
        private final ProtectedResources.Sketch sketch = new ProtectedResources.Sketch();
        /**
         * The earliest and the latest use among those that only repeated services and resources: to the hour, and
         * the latest's principal and operation.
         */
        private Instant earliestAt;
        private Instant latestAt;
        private String latestBy;
        private String latestOp;
        /** The last use's event id: the cause a record change names. */
        private String lastId;
        private int count;
        private final List<Integer> indices = new ArrayList<>();

        void add(KeyEvent use) {
            lastId = use.eventId();
            count++;
            Map<String, String> attributes = use.attributes();
            String service = attributes.get(SERVICE);
            String ai = attributes.get(AI_SERVICE);
            String category = attributes.get(CATEGORY);
            // Only the usage attributes: anything else (tags, say) goes the general way.
            String resource = attributes.get(PROTECTED);
            int known = (service == null ? 0 : 1) + (ai == null ? 0 : 1) + (category == null ? 0 : 1)
                    + (attributes.containsKey(PRINCIPAL) ? 1 : 0) + (resource == null ? 0 : 1);
            String op = use.source().operation();
            if (known == attributes.size() && !op.isBlank() && seen(service, ai, category)) {
                if (resource != null && !resources.contains(resource)) {
                    addToSketch(resource);
                    if (resources.size() < RESOURCES) {
                        resources.add(resource);
                    }
                }
                Instant at = use.eventTime().truncatedTo(ChronoUnit.HOURS);
                String by = use.attribute(KeyAttribute.USED_BY_PRINCIPAL).orElse(use.actor().principal());
                // the order of UsageContext's latest use: by time, then by principal, then by operation
                int later = latestAt == null ? 1 : at.compareTo(latestAt);
                if (later == 0) {
                    later = by.compareTo(latestBy);
                    if (later == 0) {
                        later = op.compareTo(latestOp);
                    }
                }
                if (later > 0) {
                    latestAt = at;
                    latestBy = by;
                    latestOp = op;
                }
                if (earliestAt == null || at.isBefore(earliestAt)) {
                    earliestAt = at;
                }
                return;
            }
            UsageContext one = AssetProjection.usageOf(use);
            if (resource != null && one.protects().reported() == 0) {
                // The resources go to the sketch: one bounded copy of them per key, not two.
                addToSketch(resource);
                one = new UsageContext(one.services(), one.aiServices(), one.lastUsedAt(), one.lastUsedBy(),
                        one.aiCategories(), one.firstUsedAt(), one.lastOperation(), ProtectedResources.NONE);
            }
            usage = usage.merge(one);
            if (known == attributes.size() && distinct.size() < 3 * DISTINCT && !seen(service, ai, category)) {
                distinct.add(service);
                distinct.add(ai);
                distinct.add(category);
            }
            if (resource != null && resources.size() < RESOURCES) {
                resources.add(resource);
            }
        }

        private void addToSketch(String resources) {
            for (String resource : AttributeValues.list(resources)) {
                sketch.add(resource);
            }
        }

        private boolean seen(String service, String ai, String category) {
            for (int i = 0; i < distinct.size(); i += 3) {
                if (Objects.equals(service, distinct.get(i)) && Objects.equals(ai, distinct.get(i + 1))
                        && Objects.equals(category, distinct.get(i + 2))) {
                    return true;
                }
            }
            return false;
        }

        UsageContext usage() {
            UsageContext merged = sketch.isEmpty() ? usage : usage.merge(UsageContext.NONE.withProtected(sketch.build()));
            if (latestAt == null) {
                return merged;
            }
            return merged.merge(UsageContext.NONE.withUse(earliestAt, Optional.of(latestBy), Optional.of(latestOp)))
                    .merge(UsageContext.NONE.withUse(latestAt, Optional.of(latestBy), Optional.of(latestOp)));
        }
    }

    IngestRun(InventoryService service, boolean perBatch) {
        this.service = Objects.requireNonNull(service, "service");
        this.perBatch = perBatch;
    }

    /** Applies a batch as {@link InventoryService#apply(List)} does; its uses may wait for a later flush. */
    public BatchResult apply(List<KeyEvent> batch) {
        return service.applyAll(this, batch, this::tenantOf);
    }

    /** Applies a batch to a tenant the caller resolved, as {@link InventoryService#apply(String, List)} does. */
    public BatchResult apply(String tenant, List<KeyEvent> batch) {
        TenantIds.requireValid(tenant);
        return service.applyAll(this, batch, event -> tenant);
    }

    /** Each account's tenant, resolved once per batch: a batch's events come from a few accounts. */
    private String tenantOf(KeyEvent event) {
        Map<String, String> ofProvider = tenants.computeIfAbsent(event.key().provider(), p -> new HashMap<>());
        String tenant = ofProvider.get(event.key().accountScope());
        if (tenant == null) {
            tenant = TenantIds.requireValid(service.tenantOf(event));
            ofProvider.put(event.key().accountScope(), tenant);
        }
        return tenant;
    }

    /**
     * Writes every waiting use to its key's rollup (and record, where that changes), in one unit of work.
     *
     * @return the uses the store refused (a rollup too large for it): their key, count and reason; each is also
     *         told to the listener
     */
    public List<Rejection> flush() {
        List<Rejection> out = new ArrayList<>(refused);
        refused.clear();
        if (!pending.isEmpty()) {
            out.addAll(service.flushAll(this));
        }
        return out;
    }

    /** Flushes; see {@link #flush()}. Refused uses are told to the listener. */
    @Override
    public void close() {
        flush();
    }

    /** The tenants of the keys whose uses wait. */
    java.util.Set<String> pendingTenants() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (KeyState s : pending) {
            out.add(s.tenant);
        }
        return out;
    }

    boolean perBatch() {
        return perBatch;
    }

    boolean overflowing() {
        return pending.size() > MAX_PENDING_KEYS;
    }

    void refused(List<Rejection> rejections) {
        refused.addAll(rejections);
    }

    /** At the start of each batch: retention rules and tenants are looked up again once per batch. */
    void startBatch() {
        rules.clear();
        tenants.clear();
        raised.clear();
    }

    /** Alerts raised while writing uses, to be sent once the unit of work that raised them is kept. */
    void raised(List<Alert> alerts) {
        raised.addAll(alerts);
    }

    /** The alerts raised while writing uses since the last call (or the start of the batch); forgets them. */
    List<Alert> takeRaised() {
        List<Alert> out = List.copyOf(raised);
        raised.clear();
        return out;
    }

    ExpiryRules rules(String tenant) {
        return rules.computeIfAbsent(tenant, service::rules);
    }

    private KeyState state(String tenant, KeyRef ref) {
        TenantKey k = new TenantKey(tenant, ref);
        KeyState s = known.get(k);
        if (s == null) {
            s = new KeyState(tenant, ref);
            known.put(k, s);
        }
        return s;
    }

    /** Adds a use to its key's waiting uses; returns the key's state, for the rules. */
    KeyState addUse(String tenant, KeyEvent use, int index) {
        KeyState s = state(tenant, use.key());
        if (s.pending == null) {
            s.pending = new PendingUsage();
            pending.add(s);
        }
        s.pending.add(use);
        if (perBatch) {
            s.pending.indices.add(index);
        }
        return s;
    }

    /** Whether the key's record, as the run last saw it, is destroyed (false without a record). */
    boolean destroyed(KeyState s) {
        if (s.destroyed == null) {
            record(s);
        }
        return s.destroyed;
    }

    /** Writes the key's waiting uses now, before an event of the key is applied. */
    void flushKey(String tenant, KeyRef key) {
        KeyState s = known.get(new TenantKey(tenant, key));
        if (s != null && s.pending != null) {
            PendingUsage p = s.pending;
            s.pending = null;
            pending.remove(s);
            write(s, p);
        }
    }

    /** Writes every key's waiting uses; returns the refused ones. */
    List<Rejection> flushPending() {
        List<Rejection> out = new ArrayList<>();
        List<KeyState> waiting = new ArrayList<>(pending);
        pending.clear();
        for (KeyState s : waiting) {
            PendingUsage p = s.pending;
            s.pending = null;
            try {
                write(s, p);
            } catch (IllegalArgumentException ex) {
                if (perBatch) {
                    for (int i : p.indices) {
                        out.add(new Rejection(i, "", ex.getMessage()));
                    }
                } else {
                    out.add(new Rejection(-1, p.lastId, "usage of " + s.keyId + " (" + p.count
                            + (p.count == 1 ? " use" : " uses") + "): " + ex.getMessage()));
                }
            }
        }
        for (Rejection r : out) {
            service.listener().rejected(r);
        }
        return out;
    }

    private void write(KeyState s, PendingUsage p) {
        service.writeUsage(this, s.tenant, s.ref, p.lastId, seenRollup(s), p.usage(), rules(s.tenant));
    }

    /** The key's record as the run last saw or wrote it, read from the store the first time. */
    Optional<Versioned<CryptoAsset>> record(String tenant, KeyRef key) {
        return record(state(tenant, key));
    }

    Optional<Versioned<CryptoAsset>> record(KeyState s) {
        if (s.record == null) {
            readRecord(s);
        } else {
            recordHolders.get(s);
        }
        return s.record;
    }

    /** Whether the ledger was found, earlier in this run, to attest this revision of the key's record. */
    boolean knownAttested(String tenant, KeyRef key, long revision) {
        return state(tenant, key).attestedRevision == revision;
    }

    void attested(String tenant, KeyRef key, long revision) {
        state(tenant, key).attestedRevision = revision;
    }

    private void hold(KeyState s, Optional<Versioned<CryptoAsset>> record) {
        s.record = record;
        s.destroyed = record.map(r -> r.value().state().isDestroyed()).orElse(false);
        recordHolders.put(s, Boolean.TRUE);
    }

    /** The key's record read again from the store (after a lost race). */
    Optional<Versioned<CryptoAsset>> reread(String tenant, KeyRef key) {
        KeyState s = state(tenant, key);
        readRecord(s);
        return s.record;
    }

    /**
     * Reads the key's record from the store, and lets go of its events read before: a record folded from events older
     * than itself would lose another writer's changes, and its conditional write would not notice.
     */
    private void readRecord(KeyState s) {
        forgetEvents(s);
        hold(s, service.store().asset(s.tenant, s.keyId));
    }

    void knowRecord(String tenant, KeyRef key, Versioned<CryptoAsset> record) {
        hold(state(tenant, key), Optional.of(record));
    }

    /** The key's usage rollup as the run last saw or wrote it ({@link UsageContext#NONE} if none). */
    UsageContext rollup(String tenant, KeyRef key) {
        return rollup(state(tenant, key));
    }

    private UsageContext rollup(KeyState s) {
        if (s.rollup == null) {
            s.rollup = service.store().usage(s.tenant, s.keyId).orElse(UsageContext.NONE);
        }
        rollupHolders.put(s, Boolean.TRUE);
        return s.rollup;
    }

    /** The key's usage rollup if the run has seen it; not read from the store (the merge that follows reads it). */
    private Optional<UsageContext> seenRollup(KeyState s) {
        if (s.rollup == null) {
            return Optional.empty();
        }
        rollupHolders.put(s, Boolean.TRUE);
        return Optional.of(s.rollup);
    }

    /** The key's usage rollup read again from the store (another writer may have merged uses into it). */
    UsageContext rereadRollup(String tenant, KeyRef key) {
        UsageContext stored = service.store().usage(tenant, key.id()).orElse(UsageContext.NONE);
        knowRollup(tenant, key, stored);
        return stored;
    }

    void knowRollup(String tenant, KeyRef key, UsageContext rollup) {
        KeyState s = state(tenant, key);
        s.rollup = rollup;
        rollupHolders.put(s, Boolean.TRUE);
    }

    /**
     * The fold of a key's oldest stored events, through {@code last} in history order: the record they make, none if
     * they made none. Folding the key's later events onto it gives what folding all of them would, as a fold step
     * depends only on the record before it and the event. {@code folded} holds the folded events' dedup keys, or is
     * null when the run could not hold them.
     */
    record FoldBase(Optional<CryptoAsset> asset, StoredEvent last, Set<String> folded) {

        /** Whether the event was folded here: unknown (false) when the run could not hold their keys. */
        boolean holds(KeyEvent event) {
            return folded != null && folded.contains(event.dedupKey());
        }

        /** Whether {@code event} comes after every event folded here. */
        boolean precedes(KeyEvent event) {
            int byTime = last.event().eventTime().compareTo(event.eventTime());
            return byTime < 0 || byTime == 0 && last.event().eventId().compareTo(event.eventId()) < 0;
        }
    }

    /** A key's stored events to fold: {@code rest} (in any order) onto {@code base}, or all of them when it is empty. */
    record KnownEvents(Optional<FoldBase> base, List<StoredEvent> rest) {

        static KnownEvents all(List<StoredEvent> events) {
            return new KnownEvents(Optional.empty(), events);
        }

        /** Whether the event is among these, folded into the base or not. */
        boolean holds(KeyEvent event) {
            String dedupKey = event.dedupKey();
            return base.filter(b -> b.holds(event)).isPresent()
                    || rest.stream().anyMatch(e -> e.event().dedupKey().equals(dedupKey));
        }
    }

    /** All the key's stored events as the run last saw them (with those it stored since), read the first time. */
    List<StoredEvent> events(String tenant, KeyRef key) {
        KeyState s = state(tenant, key);
        if (s.events == null || s.base != null) {
            return rereadEvents(tenant, key);
        }
        eventHolders.get(s);
        return s.events;
    }

    /**
     * The key's stored events to fold {@code event} in with, as the run last saw them: for a key with many events, the
     * fold of its older ones and the newer ones, if {@code event} comes after the older ones; else all of them. So an
     * event that arrives a little late (or in the same second as the key's last, ordered after it by its id) costs a
     * fold of the few events after it, not a read of the key's whole history. A redelivered event already folded into
     * the older ones needs no more than they and the newer ones.
     */
    KnownEvents eventsToFold(String tenant, KeyRef key, KeyEvent event) {
        KeyState s = state(tenant, key);
        if (s.events == null || s.base != null && !s.base.precedes(event) && !s.base.holds(event)) {
            return KnownEvents.all(rereadEvents(tenant, key));
        }
        eventHolders.get(s);
        return new KnownEvents(Optional.ofNullable(s.base), s.events);
    }

    /** All the key's stored events read again from the store. */
    List<StoredEvent> rereadEvents(String tenant, KeyRef key) {
        KeyState s = state(tenant, key);
        forgetEvents(s);
        List<StoredEvent> found = service.store().eventsToFold(tenant, s.keyId);
        s.events = new ArrayList<>(found);
        knownEvents += found.size();
        eventHolders.put(s, Boolean.TRUE);
        if (found.size() > MAX_KNOWN_EVENTS_PER_KEY) {
            foldOldest(s);
        }
        evictEvents(s);
        return found;
    }

    /** An event this run stored: it joins the key's known events, if the run knows them. */
    void eventStored(String tenant, StoredEvent stored) {
        KeyState s = known.get(new TenantKey(tenant, stored.event().key()));
        if (s == null || s.events == null) {
            return;
        }
        if (s.base != null && !s.base.precedes(stored.event())) {
            forgetEvents(s); // it belongs among the folded events: the fold is no longer theirs
            return;
        }
        s.events.add(stored);
        knownEvents++;
        if (s.events.size() > (s.base == null ? MAX_KNOWN_EVENTS_PER_KEY : MAX_UNFOLDED_EVENTS)) {
            foldOldest(s);
        }
        eventHolders.get(s);
        evictEvents(s);
    }

    /** Folds all but the newest {@value #UNFOLDED_EVENTS_KEPT} of the key's known events into its base. */
    private void foldOldest(KeyState s) {
        List<StoredEvent> sorted = new ArrayList<>(s.events);
        sorted.sort(StoredEvent.HISTORY_ORDER);
        List<StoredEvent> oldest = sorted.subList(0, sorted.size() - UNFOLDED_EVENTS_KEPT);
        Optional<CryptoAsset> from = s.base == null ? Optional.empty() : s.base.asset();
        Set<String> folded = s.base == null ? new HashSet<>() : s.base.folded();
        if (folded != null && knownFolded + oldest.size() <= MAX_KNOWN_FOLDED) {
            for (StoredEvent e : oldest) {
                folded.add(e.event().dedupKey());
            }
            knownFolded += oldest.size();
        } else if (folded != null) {
            knownFolded -= folded.size();
            folded = null;
        }
        s.base = new FoldBase(AssetProjection.replay(s.tenant, from, oldest).asset(), oldest.get(oldest.size() - 1),
                folded);
        knownEvents -= oldest.size();
        s.events = new ArrayList<>(sorted.subList(sorted.size() - UNFOLDED_EVENTS_KEPT, sorted.size()));
    }

    private void forgetEvents(KeyState s) {
        if (s.events != null) {
            knownEvents -= s.events.size();
            s.events = null;
            forgetBase(s);
            eventHolders.remove(s);
        }
    }

    private void forgetBase(KeyState s) {
        if (s.base != null && s.base.folded() != null) {
            knownFolded -= s.base.folded().size();
        }
        s.base = null;
    }

    /** Whether the ledger was found, earlier in this run, to hold the acceptance of the key's event. */
    boolean knownAccepted(String tenant, KeyRef key, String eventId) {
        KeyState s = state(tenant, key);
        if (s.accepted == null || !s.accepted.contains(eventId)) {
            return false;
        }
        acceptedHolders.get(s);
        return true;
    }

    /** The ids of the key's events whose acceptance the ledger was found to hold, if the run can remember them. */
    void accepted(String tenant, KeyRef key, Set<String> eventIds) {
        KeyState s = state(tenant, key);
        forgetAccepted(s);
        if (eventIds.size() > MAX_KNOWN_ACCEPTED) {
            return;
        }
        s.accepted = eventIds;
        knownAccepted += eventIds.size();
        acceptedHolders.put(s, Boolean.TRUE);
        Iterator<KeyState> it = acceptedHolders.keySet().iterator();
        while (knownAccepted > MAX_KNOWN_ACCEPTED && it.hasNext()) {
            KeyState eldest = it.next();
            knownAccepted -= eldest.accepted.size();
            eldest.accepted = null;
            it.remove();
        }
    }

    private void forgetAccepted(KeyState s) {
        if (s.accepted != null) {
            knownAccepted -= s.accepted.size();
            s.accepted = null;
            acceptedHolders.remove(s);
        }
    }

    /** Lets go of the least recently used keys' events (never {@code keep}'s) until within the bound. */
    private void evictEvents(KeyState keep) {
        Iterator<KeyState> it = eventHolders.keySet().iterator();
        while (knownEvents > MAX_KNOWN_EVENTS && it.hasNext()) {
            KeyState s = it.next();
            if (s != keep) {
                knownEvents -= s.events.size();
                s.events = null;
                forgetBase(s);
                it.remove();
            }
        }
    }
}
