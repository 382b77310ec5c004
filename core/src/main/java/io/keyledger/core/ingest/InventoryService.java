package io.keyledger.core.ingest;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertService;
import io.keyledger.core.alert.AnomalyDetector;
import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.alert.AnomalyPolicy;
import io.keyledger.core.alert.AppliedEvent;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.keystore.KeyStoreInventory;
import io.keyledger.core.keystore.KeyStoreKind;
import io.keyledger.core.keystore.KeyStoreObservation;
import io.keyledger.core.keystore.KeyStoreRef;
import io.keyledger.core.ledger.AssetAttestation;
import io.keyledger.core.ledger.AssetDigest;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.ownership.InventoryPolicies;
import io.keyledger.core.ownership.InventoryPolicy;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.KeysWithUsage;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.UsageStore;
import io.keyledger.core.store.Versioned;
import io.keyledger.core.tenant.TenantIds;
import io.keyledger.core.tenant.TenantResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Applies batches of key events to the inventory.
 *
 * <ul>
 *   <li>Idempotent: an event is stored once per (provider, event id); a redelivery changes nothing.</li>
 *   <li>Order-independent: a key's record is the fold of its events in event-time order, so late and
 *       out-of-order events land where they belong.</li>
 *   <li>Failed calls are stored and ledgered but change no state.</li>
 *   <li>Every accepted event and every change of a key's record is appended to the tenant's ledger,
 *       in arrival order.</li>
 *   <li>One bad event is rejected alone; the rest of the batch goes through.</li>
 *   <li>Cryptographic uses are aggregated per key ({@link IngestRun}): a key's usage rollup is written at most
 *       once per key per batch, and its record (and so the ledger) changes only when the usage says something
 *       new about the key: a new calling service, a first AI use, a use after the tenant's dormancy period.</li>
 *   <li>A redelivered event raises no alert: it was judged when it was first applied.</li>
 * </ul>
 */
public final class InventoryService {

    private static final int MAX_WRITE_ATTEMPTS = 50;

    private final InventoryStore store;
    private final TenantResolver tenants;
    private final Clock clock;
    private final IngestListener listener;
    private final LedgerWriter ledger;
    private final RetentionService retention;
    private final Optional<AlertService> alerts;
    private final InventoryPolicies policies;
    private final KeyStoreInventory keyStores;
    private final CheckpointRequests checkpoints;
    private final IngestLimits limits;
    private final AnomalyPolicies anomalyPolicies;

    /**
     * With {@code alerts}, every applied event (a redelivery only when its first delivery never reached the rules)
     * is evaluated by the anomaly rules; alerts are stored with the batch and sent to the sinks after it.
     * Built once per entry point by {@code io.keyledger.core.assembly.CoreServices}.
     *
     * @param retention the expiry rules every stored event, record and ledger entry is stamped with
     * @param policies  the tenants' owner and responsibility rules, applied to every record written
     */
    public InventoryService(InventoryStore store, TenantResolver tenants, Clock clock, IngestListener listener,
                            RetentionService retention, Optional<AlertService> alerts, InventoryPolicies policies) {
        this(store, tenants, clock, listener, retention, alerts, policies, IngestLimits.DEFAULTS, CheckpointRequests.NONE);
    }

    /**
     * As above, holding each event to its tenant's {@code limits} before anything of it is stored: an event
     * over them is rejected alone, naming the field.
     *
     * @param checkpoints how the ledger heads a batch moved get signed, once the batch is kept
     */
    public InventoryService(InventoryStore store, TenantResolver tenants, Clock clock, IngestListener listener,
                            RetentionService retention, Optional<AlertService> alerts, InventoryPolicies policies,
                            IngestLimits limits, CheckpointRequests checkpoints) {
        this(store, tenants, clock, listener, retention, alerts, policies, limits, checkpoints, AnomalyPolicies.DEFAULT);
    }

    /**
     * As above.
     *
     * @param anomalyPolicies the tenants' anomaly policies, whose {@code recent-use} is also the tenant's dormancy
     *                        period: the precision to which a key's record keeps its last use
     */
    public InventoryService(InventoryStore store, TenantResolver tenants, Clock clock, IngestListener listener,
                            RetentionService retention, Optional<AlertService> alerts, InventoryPolicies policies,
                            IngestLimits limits, CheckpointRequests checkpoints, AnomalyPolicies anomalyPolicies) {
        this.anomalyPolicies = Objects.requireNonNull(anomalyPolicies, "anomalyPolicies");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.store = Objects.requireNonNull(store, "store");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.ledger = new LedgerWriter(store, clock);
        this.keyStores = new KeyStoreInventory(store, clock);
    }

    /**
     * Applies a batch as one unit of work of the store, each event to the tenant of its key's account
     * (an event whose tenant cannot be resolved is rejected alone). If the store fails (not a bad event:
     * those are rejected one by one), the exception propagates and nothing of the batch may be acknowledged.
     * The batch's uses are written to the usage rollups before it returns.
     */
    public BatchResult apply(List<KeyEvent> batch) {
        return new IngestRun(this, true).apply(batch);
    }

    /**
     * Applies a batch, as {@link #apply(List)} does, to a tenant its caller already resolved (a sweep's,
     * or the caller's of an API request), whatever the accounts of the events' keys map to.
     *
     * @throws IllegalArgumentException when {@code tenant} is not a valid tenant id
     */
    public BatchResult apply(String tenant, List<KeyEvent> batch) {
        return new IngestRun(this, true).apply(tenant, batch);
    }

    /**
     * A run over many batches whose uses stay aggregated in memory (within bounds) until the run is flushed
     * or closed: what a local ingest of many files uses, so that a key's rollup is written once per run rather
     * than once per batch. Nothing of a use is stored before the run flushes it; one thread at a time.
     */
    public IngestRun run() {
        return new IngestRun(this, false);
    }

    BatchResult applyAll(IngestRun run, List<KeyEvent> batch, Function<KeyEvent, String> tenantOf) {
        List<Alert> raised = new ArrayList<>();
        Set<String> touched = new TreeSet<>();
        BatchResult result = store.inUnitOfWork(() -> {
            raised.clear();
            touched.clear();
            run.startBatch();
            return applyEach(run, batch, tenantOf, raised, touched);
        });
        raised.addAll(run.takeRaised());
        // The batch is kept: the ledger heads it moved are signed (or their signing asked for) now.
        checkpoints.request(touched);
        alerts.ifPresent(a -> a.send(raised));
        return result;
    }

    /** Writes a run's pending usage in one unit of work; returns the uses whose rollup the store refused. */
    List<Rejection> flushAll(IngestRun run) {
        Set<String> touched = new TreeSet<>(run.pendingTenants());
        List<Rejection> refused = store.inUnitOfWork(() -> {
            run.takeRaised();
            return run.flushPending();
        });
        checkpoints.request(touched);
        List<Alert> raised = run.takeRaised();
        alerts.ifPresent(a -> a.send(raised));
        return refused;
    }

    String tenantOf(KeyEvent event) {
        return tenants.tenantOf(event.key());
    }

    private BatchResult applyEach(IngestRun run, List<KeyEvent> batch, Function<KeyEvent, String> tenantOf,
                                  List<Alert> raised, Set<String> touched) {
        int applied = 0;
        int duplicates = 0;
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            KeyEvent event = batch.get(i);
            try {
                String tenant = tenantOf.apply(event);
                limits.check(tenant, event);
                touched.add(tenant);
                if (event.action() == Action.USE && event.succeeded()) {
                    applyUse(run, tenant, event, i, raised);
                    applied++;
                    continue;
                }
                // Uses of the key read before it are written first: the rules judge the event on all of them.
                run.flushKey(tenant, event.key());
                ExpiryRules rules = run.rules(tenant);
                Applied outcome = applyOne(run, tenant, event, rules);
                if (outcome.fresh()) {
                    applied++;
                } else {
                    duplicates++;
                    listener.duplicate(tenant, event);
                }
                if (outcome.judge()) {
                    AppliedEvent judged = withRollup(run, tenant, outcome.event());
                    alerts.ifPresent(a -> raised.addAll(a.recordEvent(tenant, judged)));
                    // An event can tell of uses too (an AI service at creation, a sweep's last use).
                    judgeEarlierChanges(run, tenant, event.key(), usage(judged.before()), usage(judged.after()));
                }
            } catch (IllegalArgumentException e) {
                Rejection r = new Rejection(i, event.eventId(), e.getMessage());
                rejected.add(r);
                listener.rejected(r);
            }
        }
        if (run.perBatch()) {
            for (Rejection r : run.flushPending()) {
                rejected.add(r);
                applied--;
            }
        } else if (run.overflowing()) {
            run.refused(run.flushPending());
        }
        rejected.sort(java.util.Comparator.comparingInt(Rejection::index));
        return new BatchResult(batch.size(), applied, duplicates, rejected);
    }

    /**
     * A cryptographic use is aggregated, not stored: it joins the key's pending usage, which is merged into the
     * rollup when the batch (or run) is flushed. The rules judge it at once, against the key's record.
     */
    private void applyUse(IngestRun run, String tenant, KeyEvent event, int index, List<Alert> raised) {
        IngestRun.KeyState key = run.addUse(tenant, event, index);
        listener.applied(tenant, event, false);
        // Most uses cannot raise anything (a key not destroyed, no rule watching uses): said without the record.
        if (alerts.isPresent() && alerts.get().judgesUse(tenant, run.destroyed(key))) {
            Optional<CryptoAsset> record = run.record(key).map(Versioned::value);
            raised.addAll(alerts.get().recordEvent(tenant, new AppliedEvent(event, record, record, Optional.empty())));
        }
    }

    /** The rules read the key's last use to the hour, from its rollup; the record keeps it to the dormancy period. */
    private AppliedEvent withRollup(IngestRun run, String tenant, AppliedEvent applied) {
        if (applied.before().isEmpty() && applied.after().isEmpty()) {
            return applied;
        }
        KeyRef key = applied.event().key();
        // A change that takes the key out of use is judged on every use stored so far, also another writer's.
        UsageContext rollup = AnomalyDetector.takesOutOfUse(applied.event().action())
                ? run.rereadRollup(tenant, key) : run.rollup(tenant, key);
        if (rollup.equals(UsageContext.NONE)) {
            return applied;
        }
        return new AppliedEvent(applied.event(), applied.before().map(a -> withUsage(a, rollup)),
                applied.after().map(a -> withUsage(a, rollup)), applied.flag());
    }

    private static UsageContext usage(Optional<CryptoAsset> record) {
        return record.map(CryptoAsset::usageContext).orElse(UsageContext.NONE);
    }

    private static CryptoAsset withUsage(CryptoAsset a, UsageContext rollup) {
        return a.toBuilder().usageContext(a.usageContext().merge(rollup)).build();
    }

    /** How long a key may go unused before a use is news: the tenant's {@code recent-use}. */
    Duration dormancy(String tenant) {
        return anomalyPolicies.forTenant(tenant).prematureDestruction().recentUse();
    }

    ExpiryRules rules(String tenant) {
        return retention.rules(tenant);
    }

    InventoryStore store() {
        return store;
    }

    IngestListener listener() {
        return listener;
    }

    /**
     * Writes a key's pending usage: into its rollup if that changes, and into its record (ledgered) if what the
     * record keeps of it changes: a service or AI use not seen before, or a use in a later dormancy period.
     *
     * @param seen the key's rollup as the run last saw or wrote it; when the run has none, the rollup the merge reads
     */
    void writeUsage(IngestRun run, String tenant, KeyRef key, String causeId, Optional<UsageContext> seen,
                    UsageContext pending, ExpiryRules rules) {
        if (seen.isPresent() && seen.get().merge(pending).equals(seen.get())) {
            return;
        }
        UsageStore.Merge merge = store.mergeUsageWithBefore(tenant, key.id(), pending);
        UsageContext after = merge.after();
        run.knowRollup(tenant, key, after);
        if (seen.isEmpty() && merge.before().equals(after)) {
            return; // the stored rollup, read by the merge, held these uses already
        }
        UsageContext known = seen.orElse(merge.before());
        // Held against the record itself, not the rollup before: a record that missed an earlier change catches up.
        UsageContext kept = AssetProjection.onRecord(after, dormancy(tenant));
        // A successful use of a key the inventory does not hold yet proves the key exists: it gets a record of its
        // own, partially observed.
        writeAsset(run, tenant, key, causeId, rules, (current, attempt) -> {
            CryptoAsset merged = current.map(a -> AssetProjection.withUsage(a, kept))
                    .orElseGet(() -> AssetProjection.seed(key, tenant, kept));
            return new ProjectionStep(Optional.of(merged), current.map(CryptoAsset::state),
                    Optional.of(merged.state()), Optional.empty());
        });
        judgeEarlierChanges(run, tenant, key, known, after);
    }

    /**
     * Judges the key's changes that took it out of use again when uses arrive after them (in a later file, from
     * another writer, or told by a later event), so that whether the key was in use does not depend on the order
     * of delivery. Only changes that these uses can newly qualify are judged: those within the tenant's
     * {@code recent-use} of the new last use and not of the one before, or all of them on the key's first AI use.
     */
    private void judgeEarlierChanges(IngestRun run, String tenant, KeyRef key, UsageContext known,
                                     UsageContext after) {
        AnomalyPolicy.PrematureDestruction rule = anomalyPolicies.forTenant(tenant).prematureDestruction();
        if (alerts.isEmpty() || !rule.enabled()) {
            return;
        }
        Instant was = known.lastUsedAt().orElse(Instant.MIN);
        boolean later = after.lastUsedAt().filter(at -> at.isAfter(was)).isPresent();
        boolean firstAi = rule.aiKeys() && after.aiUsage() && !known.aiUsage();
        if (!later && !firstAi) {
            return;
        }
        Duration recentUse = rule.recentUse();
        List<StoredEvent> events;
        if (run.perBatch()) {
            // A batch's run read the record when the batch began: no change is later than its last event.
            boolean changedSince = run.record(tenant, key).map(Versioned::value).filter(r -> !r.provenance().usesOnly()
                    && r.provenance().lastEventAt().minus(recentUse).isAfter(was)).isPresent();
            if (!changedSince && !firstAi) {
                return;
            }
            events = run.events(tenant, key);
        } else if (firstAi || was.equals(Instant.MIN)) {
            // A long run's view of the key may be older than another writer's changes: read them again.
            events = run.rereadEvents(tenant, key);
        } else {
            // Only changes after the previous use's recent-use window qualify: read just those.
            events = store.eventsToFoldAfter(tenant, key.id(), was.plus(recentUse));
        }
        List<KeyEvent> changes = new ArrayList<>();
        for (StoredEvent stored : events) {
            KeyEvent e = stored.event();
            if (AnomalyDetector.takesOutOfUse(e.action()) && e.succeeded()
                    && (firstAi || e.eventTime().minus(recentUse).isAfter(was))) {
                changes.add(e);
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        // The record is read only now: most uses qualify no change.
        CryptoAsset judged = withUsage(run.record(tenant, key).map(Versioned::value)
                .orElseGet(() -> AssetProjection.seed(key, tenant, after)), after);
        run.raised(alerts.get().recordLaterUse(tenant, judged, changes));
    }

    /** One applied event: whether it was new (not a redelivery), whether the rules judge it, and its record. */
    private record Applied(boolean fresh, boolean judge, AppliedEvent event) {
    }

    /** What writing a key's record did: the record before and after (equal when unchanged), and the flag. */
    private record Written(boolean changed, Optional<CryptoAsset> before, Optional<CryptoAsset> after,
                           Optional<String> flag) {

        AppliedEvent of(KeyEvent event) {
            return new AppliedEvent(event, before, after, flag);
        }
    }

    /** Applies one key event (anything but a successful use). */
    private Applied applyOne(IngestRun run, String tenant, KeyEvent event, ExpiryRules rules) {
        StoredEvent unstamped = new StoredEvent(tenant, event, clock.instant(), Optional.empty());
        StoredEvent stored = unstamped.withExpiresAt(rules.forEvent(unstamped));
        if (!store.insertEvent(stored)) {
            // A redelivery changes nothing, but it also heals what a writer left when it died (or its store
            // call timed out) between storing this event and ledgering and folding it in, or between writing
            // the key's record and ledgering that: all three are idempotent.
            // Only then is it judged, as its first delivery never got to the rules; otherwise it was judged then.
            LedgerCheck check = ledgerIfMissing(run, tenant, event, rules);
            Written written = project(run, tenant, stored, rules);
            if (!written.changed()) {
                attestIfUnattested(run, tenant, event.key(), check.attesting(), rules);
            }
            return new Applied(false, check.healed() || written.changed(), written.of(event));
        }
        run.eventStored(tenant, stored);
        appendAccepted(tenant, event, stored.receivedAt(), rules);
        Written written = project(run, tenant, stored, rules);
        listener.applied(tenant, event, written.changed());
        return new Applied(true, true, written.of(event));
    }

    private void appendAccepted(String tenant, KeyEvent event, java.time.Instant receivedAt, ExpiryRules rules) {
        // {"receivedAt":...,"event":...} by hand: the event's text was just written for the store.
        String accepted = "{\"receivedAt\":" + Json.write(receivedAt) + ",\"event\":" + Json.write(event) + "}";
        ledger.append(tenant, LedgerEntryType.EVENT_ACCEPTED, Optional.of(event.key().id()), accepted, rules);
    }

    /**
     * Ledgers a stored event that has no EVENT_ACCEPTED record: found by store-fault injection, a timeout after
     * the event's insert lost its ledger record for good, since its redelivery saw only a duplicate. Only the
     * stored copy of this very change is ledgered (a copy that says something else is left for {@code verify}
     * to name). Read only for redeliveries, and only the key's own ledger records.
     *
     * @return whether the EVENT_ACCEPTED record was missing (and was written), and the last of the key's records that
     *         attests its record (changed or attested), if any
     */
    private LedgerCheck ledgerIfMissing(IngestRun run, String tenant, KeyEvent event, ExpiryRules rules) {
        KeyRef key = event.key();
        // A key's events redelivered one after another: its ledger is read once, not once per event, as long as the
        // ledger is known to attest the key's record as it is (the attestation is then not needed either).
        if (run.knownAccepted(tenant, key, event.eventId())
                && run.record(tenant, key).filter(r -> run.knownAttested(tenant, key, r.revision())).isPresent()) {
            return new LedgerCheck(false, Optional.empty());
        }
        String keyId = key.id();
        Set<String> acceptedIds = new HashSet<>();
        Optional<LedgerRecord> attesting = Optional.empty();
        Optional<String> cursor = Optional.empty();
        do {
            Page<LedgerRecord> page = store.ledger(tenant, 1, Optional.of(keyId), true,
                    new PageRequest(cursor, PageRequest.MAX_LIMIT));
            for (LedgerRecord r : page.items()) {
                if (r.type() == LedgerEntryType.ASSET_CHANGED || r.type() == LedgerEntryType.ASSET_ATTESTED) {
                    attesting = Optional.of(r);
                } else if (r.type() == LedgerEntryType.EVENT_ACCEPTED) {
                    acceptedEventId(r.payload()).ifPresent(acceptedIds::add);
                }
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        boolean accepted = acceptedIds.contains(event.eventId());
        run.accepted(tenant, key, acceptedIds);
        boolean healed = false;
        if (!accepted) {
            Optional<StoredEvent> copy = store.eventsToFold(tenant, keyId).stream()
                    .filter(s -> s.event().dedupKey().equals(event.dedupKey()) && sameChange(s.event(), event))
                    .findFirst();
            copy.ifPresent(s -> appendAccepted(tenant, s.event(), s.receivedAt(), rules));
            healed = copy.isPresent();
        }
        return new LedgerCheck(healed, attesting);
    }

    /**
     * The id of the event an EVENT_ACCEPTED record accepts ({@code event.eventId} of its payload), read without
     * building the payload's tree: the parse stops at the event's id, its first property.
     */
    private static Optional<String> acceptedEventId(String payload) {
        try (JsonParser p = Json.mapper().createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("event") || value != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String member = p.currentName();
                    if (p.nextToken() == JsonToken.VALUE_STRING && member.equals("eventId")) {
                        return Optional.of(p.getString());
                    }
                    p.skipChildren();
                }
                return Optional.empty();
            }
            return Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty(); // a payload that is not JSON accepts nothing; verify names it
        }
    }

    /** The same change, whichever channel delivered it (the source pointer may differ). */
    private static boolean sameChange(KeyEvent a, KeyEvent b) {
        return a.eventTime().equals(b.eventTime()) && a.action() == b.action() && a.key().equals(b.key())
                && a.versionId().equals(b.versionId()) && a.outcome().equals(b.outcome())
                && a.attributes().equals(b.attributes());
    }

    /**
     * Attests the key's record when the last record attesting it does not: found by store-fault injection, a
     * timeout after the record's write lost its ASSET_CHANGED record for good, since the redelivery found the
     * record already up to date. Only a record that is exactly what the key's ledgered events fold into is
     * attested, so that a record edited in the store is never made to look ledgered.
     */
    private void attestIfUnattested(IngestRun run, String tenant, KeyRef key, Optional<LedgerRecord> attesting,
                                    ExpiryRules rules) {
        String keyId = key.id();
        Optional<Versioned<CryptoAsset>> current = run.record(tenant, key);
        if (current.isEmpty()) {
            return;
        }
        long revision = current.get().revision();
        // A key's events redelivered one after another: its record's digest is taken once, not once per event.
        if (run.knownAttested(tenant, key, revision)
                || attesting.filter(r -> AssetAttestation.attests(r, current.get())).isPresent()) {
            run.attested(tenant, key, revision);
            return;
        }
        boolean derived = replayed(tenant, keyId)
                .map(folded -> AssetDigest.of(folded).equals(AssetDigest.of(current.get().value())))
                .orElse(false);
        if (derived) {
            ledger.append(tenant, LedgerEntryType.ASSET_ATTESTED, Optional.of(keyId),
                    AssetAttestation.payload(current.get()), rules);
        }
    }

    /**
     * The key's record as every stored event of it and its usage rollup fold into it, under the tenant's
     * inventory policy, as every write of the record is.
     */
    private Optional<CryptoAsset> replayed(String tenant, String keyId) {
        return replay(tenant, keyId).asset().map(policyOf(tenant)::apply);
    }

    private AssetProjection.Replay replay(String tenant, String keyId) {
        AssetProjection.Replay replay = AssetProjection.replay(tenant, store.eventsToFold(tenant, keyId));
        UsageContext kept = AssetProjection.onRecord(store.usage(tenant, keyId).orElse(UsageContext.NONE),
                dormancy(tenant));
        return new AssetProjection.Replay(replay.asset().map(a -> AssetProjection.withUsage(a, kept)), replay.history());
    }

    /** What looking for a redelivered event's ledger records found: whether one was missing, and the last attestation. */
    private record LedgerCheck(boolean healed, Optional<LedgerRecord> attesting) {
    }

    /**
     * Brings the key's record up to date with a stored event: one fold step when the event is the
     * latest for the key, a re-fold otherwise (and on every retry).
     *
     * <p>The re-fold reads every event of the key still stored, those past their retention but not purged
     * yet included, so that an archive of old logs gives the record its whole history would; the event
     * itself is added if it is already purged. History expires, the key it reveals does not. When older
     * events are purged, the events stored are
     * then folded onto the record itself instead of onto nothing, so that what only the purged events
     * told is kept, and an event itself past its retention only fills in what is still unknown. A record
     * knows its earliest event: when that one is no longer stored, older history has been purged.
     */
    private Written project(IngestRun run, String tenant, StoredEvent stored, ExpiryRules rules) {
        KeyEvent event = stored.event();
        String keyId = event.key().id();
        return writeAsset(run, tenant, event.key(), event.eventId(), rules, (current, attempt) -> {
            if (attempt == 1 && current.isPresent() && AssetProjection.isLatest(current.get(), event)) {
                return AssetProjection.step(current, tenant, event);
            }
            IngestRun.KnownEvents known = attempt == 1 ? run.eventsToFold(tenant, event.key(), event)
                    : IngestRun.KnownEvents.all(run.rereadEvents(tenant, event.key()));
            Optional<CryptoAsset> base = known.base().flatMap(IngestRun.FoldBase::asset);
            if (known.base().isPresent() && !firstEventId(current).equals(firstEventId(base))) {
                // The record's earliest event is not the earliest the run folded (older history purged since, or
                // a record another writer built from more): fold all the stored events, as below.
                known = IngestRun.KnownEvents.all(run.rereadEvents(tenant, event.key()));
                base = Optional.empty();
            }
            List<StoredEvent> events = new ArrayList<>(known.rest());
            boolean purged = !known.holds(event);
            if (purged) {
                events.add(stored);
            }
            // Events are purged oldest first: the record's earliest event gone means older history is.
            boolean expired = known.base().isEmpty() && firstEventId(current)
                    .filter(first -> events.stream().noneMatch(e -> e.event().eventId().equals(first))).isPresent();
            AssetProjection.Replay history = AssetProjection.replay(tenant, base, events);
            Optional<CryptoAsset> refolded;
            if (!expired) {
                refolded = history.asset();
            } else if (purged || stored.expiredAt(clock.instant())) {
                // Past its retention itself: its place among the purged events is lost. (An event still
                // within its retention comes after every expired one: events expire in event-time order.)
                refolded = current.map(a -> AssetProjection.fillIn(a, tenant, event));
            } else {
                refolded = AssetProjection.replay(tenant, current, events).asset();
            }
            UsageContext rollup = attempt == 1 ? run.rollup(tenant, event.key())
                    : store.usage(tenant, keyId).orElse(UsageContext.NONE);
            // A record's usage only grows: the run may have read the rollup before another writer merged uses into it
            // and into the record, and the record read since must not lose them.
            UsageContext kept = AssetProjection.onRecord(rollup.merge(usage(current)), dormancy(tenant));
            Optional<CryptoAsset> asset = refolded
                    .map(a -> kept.equals(UsageContext.NONE) ? a : AssetProjection.withUsage(a, kept))
                    .or(() -> Optional.of(kept).filter(r -> r.lastUsedAt().isPresent())
                            .map(r -> AssetProjection.seed(event.key(), tenant, r)));
            Optional<String> flag = history.history().stream()
                    .filter(h -> h.stored().event().dedupKey().equals(event.dedupKey()))
                    .findFirst().flatMap(HistoryEntry::flag);
            return new ProjectionStep(asset, current.map(CryptoAsset::state), asset.map(CryptoAsset::state), flag);
        });
    }

    private static Optional<String> firstEventId(Optional<CryptoAsset> record) {
        return record.flatMap(a -> a.provenance().firstEventId());
    }

    /** Computes a key's new record from the current one; called again, with the attempt number, after a lost race. */
    @FunctionalInterface
    private interface RecordUpdate {
        ProjectionStep compute(Optional<CryptoAsset> current, int attempt);
    }

    /**
     * Writes the key's new record, conditional on the revision read, so that a concurrent writer's
     * change is never lost: the loser re-reads and computes again. Every change is ledgered. The first
     * attempt starts from the record the run last saw; a lost race re-reads it from the store.
     */
    private Written writeAsset(IngestRun run, String tenant, KeyRef key, String causeId, ExpiryRules rules,
                               RecordUpdate update) {
        String keyId = key.id();
        for (int attempt = 1; ; attempt++) {
            Optional<Versioned<CryptoAsset>> current = attempt == 1 ? run.record(tenant, key) : run.reread(tenant, key);
            Optional<CryptoAsset> before = current.map(Versioned::value);
            ProjectionStep step = update.compute(before, attempt);
            if (step.asset().isEmpty()) {
                return new Written(false, before, before, step.flag());
            }
            CryptoAsset after = policyOf(tenant).apply(step.asset().get());
            Optional<Instant> retainedUntil = rules.forAsset(after);
            if (!retainedUntil.equals(after.retainedUntil())) {
                after = after.toBuilder().retainedUntil(retainedUntil).build();
            }
            if (before.equals(Optional.of(after))) {
                return new Written(false, before, before, step.flag());
            }
            long revision;
            try {
                revision = store.putAsset(tenant, after, current.map(Versioned::revision).orElse(0L));
            } catch (StaleRevisionException e) {
                if (attempt >= MAX_WRITE_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            run.knowRecord(tenant, key, new Versioned<>(after, revision));
            ledger.append(tenant, LedgerEntryType.ASSET_CHANGED, Optional.of(keyId),
                    changePayload(causeId, step, after, revision), rules);
            // A key store first named (or named anew) by a key gets its own record; later writes cost nothing.
            if (after.keyStore().isPresent() && !before.flatMap(CryptoAsset::keyStore).equals(after.keyStore())) {
                CryptoAsset named = after;
                KeyStoreInventory.namedBy(named).ifPresent(o -> keyStores.record(tenant, o, rules));
            }
            return new Written(true, before, Optional.of(after), step.flag());
        }
    }

    private InventoryPolicy policyOf(String tenant) {
        return policies.forTenant(tenant);
    }

    private static String changePayload(String causeId, ProjectionStep step, CryptoAsset after, long revision) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("eventId", causeId);
        payload.put("stateBefore", step.before().orElse(null));
        payload.put("stateAfter", after.state());
        payload.put("nativeState", after.nativeState());
        payload.put("flag", step.flag().orElse(null));
        payload.put("revision", revision);
        payload.put("recordSha256", AssetDigest.of(after));
        payload.put("destroyedAt", after.dates().destroyedAt().orElse(null));
        return Json.write(payload);
    }

    /**
     * Fans a custom key store's connection change out to the keys it holds, as one derived event per
     * key (id: the change's event id and the key id, so a redelivered change dedupes). A disconnected
     * store's keys are unavailable (SUSPENDED, native state "Unavailable"); on reconnection each key
     * goes back to the state it had before the disconnection, or, when that is not in its history, is
     * marked partially observed until a sweep reads it. Changes are applied in arrival order.
     */
    public BatchResult applyKeyStoreChange(DecodedRecord.KeyStoreChange change) {
        String tenant = TenantIds.requireValid(tenants.tenantOf(change.provider(), change.account()));
        KeyStoreRef ref = new KeyStoreRef(change.provider(), change.account(), change.location(), change.keyStoreId());
        Map<String, String> d = change.details();
        KeyStoreKind kind = Optional.ofNullable(d.get("kind")).flatMap(k -> java.util.Arrays.stream(KeyStoreKind.values())
                .filter(v -> v.name().equals(k)).findFirst()).orElse(KeyStoreKind.UNKNOWN);
        Optional<String> state = Optional.ofNullable(d.get("state")).or(() -> switch (change.change()) {
            case CONNECTED -> Optional.of("CONNECTED");
            case DISCONNECTED -> Optional.of("DISCONNECTED");
            case DELETED -> Optional.of("DELETED");
            default -> Optional.empty();
        });
        boolean describes = change.change() == DecodedRecord.KeyStoreChange.Change.CREATED
                || change.change() == DecodedRecord.KeyStoreChange.Change.UPDATED;
        keyStores.record(tenant, new KeyStoreObservation(ref, kind, change.eventTime(), change.eventId(),
                Optional.ofNullable(d.get("name")), state, Optional.ofNullable(d.get("backing")),
                change.change() == DecodedRecord.KeyStoreChange.Change.CREATED ? Optional.of(change.eventTime())
                        : Optional.empty(), change.change() == DecodedRecord.KeyStoreChange.Change.DELETED, describes),
                retention.rules(tenant));
        if (!change.reachesKeys()) {
            return new BatchResult(0, 0, 0, List.of());
        }
        List<KeyEvent> derived = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<CryptoAsset> assets = store.assets(tenant, AssetQuery.ALL.withProvider(change.provider()), page);
            for (CryptoAsset a : assets.items()) {
                if (a.keyStore().equals(Optional.of(change.keyStoreId()))
                        && a.ref().accountScope().equals(change.account()) && a.ref().location().equals(change.location())) {
                    derived.add(keyStoreEvent(tenant, a, change));
                }
            }
            if (assets.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(assets.nextCursor().get());
        }
        return apply(tenant, derived);
    }

    static final String UNAVAILABLE = "Unavailable";

    private KeyEvent keyStoreEvent(String tenant, CryptoAsset key, DecodedRecord.KeyStoreChange change) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (!change.connected()) {
            attributes.put(KeyAttribute.STATE.wireName(), LifecycleState.SUSPENDED.name());
            attributes.put(KeyAttribute.NATIVE_STATE.wireName(), UNAVAILABLE);
        } else {
            attributes.putAll(stateBeforeDisconnection(tenant, key));
        }
        return new KeyEvent(change.eventId() + "/" + key.id(), change.eventTime(), Action.OBSERVE, key.ref(),
                Optional.empty(), change.actor(), Outcome.SUCCESS, attributes,
                new SourcePointer("keystore", change.at().toString(), change.operation()));
    }

    private Map<String, String> stateBeforeDisconnection(String tenant, CryptoAsset key) {
        List<HistoryEntry> history = history(tenant, key.id());
        for (int i = history.size() - 1; i > 0; i--) {
            HistoryEntry entry = history.get(i);
            if ("keystore".equals(entry.stored().event().source().kind()) && UNAVAILABLE.equals(entry.nativeStateAfter())) {
                HistoryEntry before = history.get(i - 1);
                if (before.after().isPresent()) {
                    return Map.of(KeyAttribute.STATE.wireName(), before.after().get().name(),
                            KeyAttribute.NATIVE_STATE.wireName(), before.nativeStateAfter());
                }
            }
        }
        return Map.of(KeyAttribute.OBSERVATION.wireName(), "PARTIAL", KeyAttribute.OBSERVATION_NOTE.wireName(),
                "custom key store reconnected; state to be confirmed by a sweep");
    }

    /** The key's history in event-time order (empty for an unknown key). */
    public List<HistoryEntry> history(String tenant, String keyId) {
        return AssetProjection.history(tenant, store.eventsForKey(tenant, keyId));
    }

    /** The key's record as readers see it: with its usage rollup merged in ({@link KeysWithUsage}). */
    public Optional<CryptoAsset> asset(String tenant, String keyId) {
        return new KeysWithUsage(store).key(tenant, keyId);
    }

    /** The key stores and HSMs, whose records events, sweeps and keys feed. */
    public KeyStoreInventory keyStores() {
        return keyStores;
    }

    /**
     * Attests a key's record that an earlier run of a sweep corrected when the ledger record of that change was
     * lost (a timeout after the record's write): the sweep run again finds nothing left to correct, so no
     * redelivered event heals it as {@link #apply} does. Only a record that its ledgered events fold into is
     * attested.
     */
    public void attestIfUnattested(String tenant, KeyRef key) {
        TenantIds.requireValid(tenant);
        ExpiryRules rules = retention.rules(tenant);
        try (IngestRun run = new IngestRun(this, true)) {
            attestIfUnattested(run, tenant, key, lastAttesting(tenant, key.id()), rules);
        }
    }

    /** The last of the key's ledger records that attests its record (changed or attested), if any. */
    private Optional<LedgerRecord> lastAttesting(String tenant, String keyId) {
        Optional<LedgerRecord> attesting = Optional.empty();
        Optional<String> cursor = Optional.empty();
        do {
            Page<LedgerRecord> page = store.ledger(tenant, 1, Optional.of(keyId), true,
                    new PageRequest(cursor, PageRequest.MAX_LIMIT));
            for (LedgerRecord r : page.items()) {
                if (r.type() == LedgerEntryType.ASSET_CHANGED || r.type() == LedgerEntryType.ASSET_ATTESTED) {
                    attesting = Optional.of(r);
                }
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return attesting;
    }

    /** Merges what a sweep or an event says of a key store into its record, ledgered with the tenant's expiry rules. */
    public void recordKeyStore(String tenant, KeyStoreObservation observation) {
        TenantIds.requireValid(tenant);
        store.inUnitOfWork(() -> keyStores.record(tenant, observation, retention.rules(tenant)));
    }
}
