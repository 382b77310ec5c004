package io.keyledger.core.ingest;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertService;
import io.keyledger.core.alert.AppliedEvent;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.keystore.KeyStoreInventory;
import io.keyledger.core.keystore.KeyStoreKind;
import io.keyledger.core.keystore.KeyStoreObservation;
import io.keyledger.core.keystore.KeyStoreRef;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.ownership.InventoryPolicies;
import io.keyledger.core.ownership.InventoryPolicy;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import io.keyledger.core.tenant.TenantIds;
import io.keyledger.core.tenant.TenantResolver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
    private final IngestLimits limits;

    /**
     * With {@code alerts}, every applied event (redeliveries included: the alert store dedups) is
     * evaluated by the anomaly rules; alerts are stored with the batch and sent to the sinks after it.
     * Built once per entry point by {@code io.keyledger.core.assembly.CoreServices}.
     *
     * @param retention the expiry rules every stored event, record and ledger entry is stamped with
     * @param policies  the tenants' owner and responsibility rules, applied to every record written
     */
    public InventoryService(InventoryStore store, TenantResolver tenants, Clock clock, IngestListener listener,
                            RetentionService retention, Optional<AlertService> alerts, InventoryPolicies policies) {
        this(store, tenants, clock, listener, retention, alerts, policies, IngestLimits.DEFAULTS);
    }

    /**
     * As above, holding each event to its tenant's {@code limits} before anything of it is stored: an event
     * over them is rejected alone, naming the field.
     */
    public InventoryService(InventoryStore store, TenantResolver tenants, Clock clock, IngestListener listener,
                            RetentionService retention, Optional<AlertService> alerts, InventoryPolicies policies,
                            IngestLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
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
     */
    public BatchResult apply(List<KeyEvent> batch) {
        return applyAll(batch, event -> TenantIds.requireValid(tenants.tenantOf(event.key())));
    }

    /**
     * Applies a batch, as {@link #apply(List)} does, to a tenant its caller already resolved (a sweep's,
     * or the caller's of an API request), whatever the accounts of the events' keys map to.
     *
     * @throws IllegalArgumentException when {@code tenant} is not a valid tenant id
     */
    public BatchResult apply(String tenant, List<KeyEvent> batch) {
        TenantIds.requireValid(tenant);
        return applyAll(batch, event -> tenant);
    }

    private BatchResult applyAll(List<KeyEvent> batch, Function<KeyEvent, String> tenantOf) {
        List<Alert> raised = new ArrayList<>();
        BatchResult result = store.inUnitOfWork(() -> {
            raised.clear();
            return applyEach(batch, tenantOf, raised);
        });
        alerts.ifPresent(a -> a.send(raised));
        return result;
    }

    private BatchResult applyEach(List<KeyEvent> batch, Function<KeyEvent, String> tenantOf, List<Alert> raised) {
        Map<String, ExpiryRules> rulesByTenant = new HashMap<>();
        int applied = 0;
        int duplicates = 0;
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            KeyEvent event = batch.get(i);
            try {
                String tenant = tenantOf.apply(event);
                limits.check(tenant, event);
                ExpiryRules rules = rulesByTenant.computeIfAbsent(tenant, retention::rules);
                Applied outcome = applyOne(tenant, event, rules);
                if (outcome.fresh()) {
                    applied++;
                } else {
                    duplicates++;
                    listener.duplicate(tenant, event);
                }
                alerts.ifPresent(a -> raised.addAll(a.recordEvent(tenant, outcome.event())));
            } catch (IllegalArgumentException e) {
                Rejection r = new Rejection(i, event.eventId(), e.getMessage());
                rejected.add(r);
                listener.rejected(r);
            }
        }
        return new BatchResult(batch.size(), applied, duplicates, rejected);
    }

    /** One applied event: whether it was new (not a redelivery), and the key's record around it. */
    private record Applied(boolean fresh, AppliedEvent event) {
    }

    /** What writing a key's record did: the record before and after (equal when unchanged), and the flag. */
    private record Written(boolean changed, Optional<CryptoAsset> before, Optional<CryptoAsset> after,
                           Optional<String> flag) {

        AppliedEvent of(KeyEvent event) {
            return new AppliedEvent(event, before, after, flag);
        }
    }

    /** Applies one event. */
    private Applied applyOne(String tenant, KeyEvent event, ExpiryRules rules) {
        if (event.action() == Action.USE && event.succeeded()) {
            return new Applied(true, applyUse(tenant, event, rules).of(event));
        }
        StoredEvent unstamped = new StoredEvent(tenant, event, clock.instant(), Optional.empty());
        StoredEvent stored = unstamped.withExpiresAt(rules.forEvent(unstamped));
        if (!store.insertEvent(stored)) {
            // A redelivery changes nothing, but it also heals what a writer left when it died (or its store
            // call timed out) between storing this event and ledgering and folding it in: both are idempotent.
            ledgerIfMissing(tenant, event, rules);
            return new Applied(false, project(tenant, stored, rules).of(event));
        }
        appendAccepted(tenant, event, stored.receivedAt(), rules);
        Written written = project(tenant, stored, rules);
        listener.applied(tenant, event, written.changed());
        return new Applied(true, written.of(event));
    }

    private void appendAccepted(String tenant, KeyEvent event, java.time.Instant receivedAt, ExpiryRules rules) {
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("receivedAt", receivedAt);
        accepted.put("event", event);
        ledger.append(tenant, LedgerEntryType.EVENT_ACCEPTED, Optional.of(event.key().id()), Json.write(accepted),
                rules);
    }

    /**
     * Ledgers a stored event that has no EVENT_ACCEPTED record: found by store-fault injection, a timeout after
     * the event's insert lost its ledger record for good, since its redelivery saw only a duplicate. Read only
     * for redeliveries, and only the key's own ledger records.
     */
    private void ledgerIfMissing(String tenant, KeyEvent event, ExpiryRules rules) {
        String keyId = event.key().id();
        String marker = "\"eventId\":" + Json.write(event.eventId());
        Optional<String> cursor = Optional.empty();
        do {
            Page<io.keyledger.core.ledger.LedgerRecord> page = store.ledger(tenant, 1, Optional.of(keyId), true,
                    new PageRequest(cursor, PageRequest.MAX_LIMIT));
            for (io.keyledger.core.ledger.LedgerRecord r : page.items()) {
                if (r.type() == LedgerEntryType.EVENT_ACCEPTED && r.payload().contains(marker)
                        && Json.mapper().readTree(r.payload()).path("event").path("eventId").asString()
                        .equals(event.eventId())) {
                    return;
                }
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        store.eventsToFold(tenant, keyId).stream()
                .filter(s -> s.event().dedupKey().equals(event.dedupKey())).findFirst()
                .ifPresent(s -> appendAccepted(tenant, s.event(), s.receivedAt(), rules));
    }

    /**
     * A cryptographic use is aggregated into the key's usage rollup, not stored: merging is
     * idempotent, so a redelivered use changes nothing, and the record changes only when the rollup
     * does (a new service, or a use in a later hour). A successful use of a key the inventory does not
     * hold yet proves the key exists: it gets a record of its own, partially observed.
     */
    private Written applyUse(String tenant, KeyEvent event, ExpiryRules rules) {
        UsageContext rollup = store.mergeUsage(tenant, event.key().id(), AssetProjection.usageOf(event));
        Written written = writeAsset(tenant, event, rules, (current, attempt) -> {
            CryptoAsset merged = current.map(a -> AssetProjection.withUsage(a, rollup))
                    .orElseGet(() -> AssetProjection.seed(event.key(), tenant, rollup));
            return new ProjectionStep(Optional.of(merged), current.map(CryptoAsset::state),
                    Optional.of(merged.state()), Optional.empty());
        });
        listener.applied(tenant, event, written.changed());
        return written;
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
    private Written project(String tenant, StoredEvent stored, ExpiryRules rules) {
        KeyEvent event = stored.event();
        String keyId = event.key().id();
        return writeAsset(tenant, event, rules, (current, attempt) -> {
            if (attempt == 1 && current.isPresent() && AssetProjection.isLatest(current.get(), event)) {
                return AssetProjection.step(current, tenant, event);
            }
            List<StoredEvent> events = new ArrayList<>(store.eventsToFold(tenant, keyId));
            boolean purged = events.stream().noneMatch(e -> e.event().dedupKey().equals(event.dedupKey()));
            if (purged) {
                events.add(stored);
            }
            // Events are purged oldest first: the record's earliest event gone means older history is.
            boolean expired = current.flatMap(a -> a.provenance().firstEventId())
                    .filter(first -> events.stream().noneMatch(e -> e.event().eventId().equals(first))).isPresent();
            AssetProjection.Replay history = AssetProjection.replay(tenant, events);
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
            Optional<UsageContext> rollup = store.usage(tenant, keyId);
            Optional<CryptoAsset> asset = refolded
                    .map(a -> rollup.map(r -> AssetProjection.withUsage(a, r)).orElse(a))
                    .or(() -> rollup.filter(r -> r.lastUsedAt().isPresent())
                            .map(r -> AssetProjection.seed(event.key(), tenant, r)));
            Optional<String> flag = history.history().stream()
                    .filter(h -> h.stored().event().dedupKey().equals(event.dedupKey()))
                    .findFirst().flatMap(HistoryEntry::flag);
            return new ProjectionStep(asset, current.map(CryptoAsset::state), asset.map(CryptoAsset::state), flag);
        });
    }

    /** Computes a key's new record from the current one; called again, with the attempt number, after a lost race. */
    @FunctionalInterface
    private interface RecordUpdate {
        ProjectionStep compute(Optional<CryptoAsset> current, int attempt);
    }

    /**
     * Writes the key's new record, conditional on the revision read, so that a concurrent writer's
     * change is never lost: the loser re-reads and computes again. Every change is ledgered.
     */
    private Written writeAsset(String tenant, KeyEvent cause, ExpiryRules rules, RecordUpdate update) {
        String keyId = cause.key().id();
        for (int attempt = 1; ; attempt++) {
            Optional<Versioned<CryptoAsset>> current = store.asset(tenant, keyId);
            Optional<CryptoAsset> before = current.map(Versioned::value);
            ProjectionStep step = update.compute(before, attempt);
            if (step.asset().isEmpty()) {
                return new Written(false, before, before, step.flag());
            }
            CryptoAsset after = policyOf(tenant).apply(step.asset().get());
            after = after.toBuilder().retainedUntil(rules.forAsset(after)).build();
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
            ledger.append(tenant, LedgerEntryType.ASSET_CHANGED, Optional.of(keyId),
                    changePayload(cause, step, after, revision), rules);
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

    private static String changePayload(KeyEvent cause, ProjectionStep step, CryptoAsset after, long revision) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("eventId", cause.eventId());
        payload.put("stateBefore", step.before().orElse(null));
        payload.put("stateAfter", after.state());
        payload.put("nativeState", after.nativeState());
        payload.put("flag", step.flag().orElse(null));
        payload.put("revision", revision);
        payload.put("assetSha256", LedgerHash.sha256Hex(Json.write(after)));
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

    public Optional<CryptoAsset> asset(String tenant, String keyId) {
        return store.asset(tenant, keyId).map(Versioned::value);
    }

    /** The key stores and HSMs, whose records events, sweeps and keys feed. */
    public KeyStoreInventory keyStores() {
        return keyStores;
    }

    /** Merges what a sweep or an event says of a key store into its record, ledgered with the tenant's expiry rules. */
    public void recordKeyStore(String tenant, KeyStoreObservation observation) {
        TenantIds.requireValid(tenant);
        store.inUnitOfWork(() -> keyStores.record(tenant, observation, retention.rules(tenant)));
    }
}
