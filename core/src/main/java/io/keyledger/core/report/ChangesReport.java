package io.keyledger.core.report;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.ingest.AssetProjection;
import io.keyledger.core.ingest.HistoryEntry;
import io.keyledger.core.json.Json;
import io.keyledger.core.json.KeyEventJson;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Status changes in a period {@code [from, to)} of event time: who (principal), what (action, state
 * before and after), when, through which channel and from which address, with the change reference and
 * the ledger record that attests the event.
 *
 * <p>A status change is an event of a lifecycle action (create, enable, disable, schedule or cancel
 * destruction, destroy, import or delete key material, recover, rotate, declare compromise), refused
 * calls of those included, or any other event that moved the key's lifecycle state (a sweep's
 * correction, a custom key store's disconnection).
 *
 * <p>The report reads the tenant's ledger, which holds every accepted event in arrival order, a page at a
 * time: rows come in arrival order (the {@code ledgerSequence} column), not event-time order, and the
 * cost is that of reading the whole ledger, since the store has no index on event time. The states
 * before and after come from the key's history in event-time order (a late event lands where it
 * belongs), read once per key for the few keys most recently seen. An event whose history record has
 * expired while its ledger record has not is reported from the ledger, without states.
 */
public final class ChangesReport {

    private static final Set<Action> LIFECYCLE = EnumSet.of(Action.CREATE, Action.ENABLE, Action.DISABLE,
            Action.SCHEDULE_DESTRUCTION, Action.CANCEL_DESTRUCTION, Action.DESTROY, Action.IMPORT_MATERIAL,
            Action.DELETE_MATERIAL, Action.RECOVER, Action.ROTATE, Action.DECLARE_COMPROMISE);
    private static final int CACHED_KEYS = 64;

    private final InventoryStore store;
    private final Clock clock;
    private final AnomalyPolicies policies;

    public ChangesReport(InventoryStore store, Clock clock, AnomalyPolicies policies) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /** One status change, with the ledger record that attests its event. */
    public record Change(long ledgerSequence, Instant recordedAt, KeyEvent event, Optional<LifecycleState> before,
                         Optional<LifecycleState> after, String nativeStateAfter, Optional<String> flag,
                         Optional<String> changeReference) {
    }

    static final List<Column<Change>> COLUMNS = List.of(
            Column.of("ledgerSequence", Change::ledgerSequence),
            Column.of("recordedAt", Change::recordedAt),
            Column.of("eventTime", c -> c.event().eventTime()),
            Column.of("keyId", c -> c.event().key().id()),
            Column.of("provider", c -> c.event().provider().code()),
            Column.of("account", c -> c.event().key().accountScope()),
            Column.of("location", c -> c.event().key().location()),
            Column.of("versionId", c -> c.event().versionId()),
            Column.of("action", c -> c.event().action()),
            Column.of("outcome", c -> c.event().succeeded() ? "SUCCESS" : "FAILURE"),
            Column.of("errorCode", c -> c.event().outcome() instanceof Outcome.Failure f ? f.errorCode() : null),
            Column.of("stateBefore", Change::before),
            Column.of("stateAfter", Change::after),
            Column.of("nativeStateAfter", Change::nativeStateAfter),
            Column.of("principal", c -> c.event().actor().principal()),
            Column.of("actorType", c -> c.event().actor().type()),
            Column.of("invokedBy", c -> c.event().actor().invokedBy()),
            Column.of("sourceIp", c -> c.event().actor().sourceIp()),
            Column.of("userAgent", c -> c.event().actor().userAgent()),
            Column.of("channel", c -> c.event().source().kind()),
            Column.of("sourceLocation", c -> c.event().source().location()),
            Column.of("nativeOperation", c -> c.event().source().operation()),
            Column.of("changeReference", Change::changeReference),
            Column.of("flag", Change::flag),
            Column.of("eventId", c -> c.event().eventId()));

    public long writeCsv(String tenant, Optional<Instant> from, Optional<Instant> to, AssetQuery filter,
                         OutputStream out) throws IOException {
        checkPeriod(from, to);
        return write(tenant, from, to, filter, RowWriter.csv(out, COLUMNS));
    }

    public long writeJson(String tenant, Optional<Instant> from, Optional<Instant> to, AssetQuery filter,
                          OutputStream out) throws IOException {
        checkPeriod(from, to);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("report", "changes");
        header.put("tenant", tenant);
        header.put("generatedAt", clock.instant());
        header.put("from", from);
        header.put("to", to);
        header.put("filter", ReportFilters.describe(filter));
        header.put("order", "ledger arrival order");
        return write(tenant, from, to, filter, RowWriter.json(out, COLUMNS, header, "changes"));
    }

    /** @throws IllegalArgumentException naming {@code from} when the period is empty or reversed */
    public static void checkPeriod(Optional<Instant> from, Optional<Instant> to) {
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from (" + from.get() + ") must be before to (" + to.get() + ")");
        }
    }

    private long write(String tenant, Optional<Instant> from, Optional<Instant> to, AssetQuery filter,
                       RowWriter<Change> rows) throws IOException {
        List<String> referenceTags = policies.forTenant(tenant).changeReference().tags();
        KeyCache keys = new KeyCache(tenant, filter);
        Map<String, Long> byAction = new TreeMap<>();
        long[] failed = {0};
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<LedgerRecord> page = store.ledger(tenant, 1, Optional.empty(), false, request);
            for (LedgerRecord r : page.items()) {
                Optional<Change> change = change(r, from, to, keys, referenceTags);
                if (change.isPresent()) {
                    rows.write(change.get());
                    byAction.merge(change.get().event().action().name(), 1L, Long::sum);
                    if (!change.get().event().succeeded()) {
                        failed[0]++;
                    }
                }
            }
            rows.endOfPage();
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = request.next(page.nextCursor().get());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("byAction", byAction);
        summary.put("refused", failed[0]);
        rows.finish(Trailer.of(rows.rows(), summary));
        return rows.rows();
    }

    private Optional<Change> change(LedgerRecord r, Optional<Instant> from, Optional<Instant> to, KeyCache keys,
                                    List<String> referenceTags) {
        if (r.type() != LedgerEntryType.EVENT_ACCEPTED || r.keyId().isEmpty()) {
            return Optional.empty();
        }
        JsonNode event;
        Instant eventTime;
        Action action;
        try {
            event = Json.mapper().readTree(r.payload()).path("event");
            eventTime = Instant.parse(event.path("eventTime").asString(""));
            action = Action.valueOf(event.path("action").asString(""));
        } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalStateException("ledger record " + r.sequence() + " of tenant " + r.tenant()
                    + " is not a readable event: " + e.getMessage(), e);
        }
        if (from.isPresent() && eventTime.isBefore(from.get()) || to.isPresent() && !eventTime.isBefore(to.get())) {
            return Optional.empty();
        }
        JsonNode attributes = event.path("attributes");
        boolean lifecycle = LIFECYCLE.contains(action);
        if (!lifecycle && !attributes.has(KeyAttribute.STATE.wireName())
                && !attributes.has(KeyAttribute.VERSION_STATE.wireName())) {
            return Optional.empty();
        }
        String keyId = r.keyId().get();
        KeyCache.Entry key = keys.get(keyId);
        if (!key.matches()) {
            return Optional.empty();
        }
        String provider = event.path("key").path("provider").asString("");
        HistoryEntry entry = key.history().get(provider.toLowerCase(java.util.Locale.ROOT) + ":"
                + event.path("eventId").asString(""));
        if (entry == null) {
            KeyEvent e = KeyEventJson.read(event, new SourcePointer("ledger", Long.toString(r.sequence()), ""));
            return Optional.of(new Change(r.sequence(), r.recordedAt(), e, Optional.empty(), Optional.empty(), "",
                    Optional.empty(), reference(e, referenceTags)));
        }
        if (!lifecycle && entry.before().equals(entry.after())) {
            return Optional.empty();
        }
        KeyEvent e = entry.stored().event();
        return Optional.of(new Change(r.sequence(), r.recordedAt(), e, entry.before(), entry.after(),
                entry.nativeStateAfter(), entry.flag(), reference(e, referenceTags)));
    }

    /** The event's change reference, else the first change-reference tag the tenant's policy names. */
    private static Optional<String> reference(KeyEvent e, List<String> referenceTags) {
        return e.attribute(KeyAttribute.CHANGE_REFERENCE).filter(v -> !v.isBlank()).or(() -> referenceTags.stream()
                .map(t -> e.attributes().get(KeyAttribute.TAG_PREFIX + t)).filter(Objects::nonNull)
                .filter(v -> !v.isBlank()).findFirst());
    }

    /** Histories of the keys most recently seen, so that a key's events in a row read its history once. */
    private final class KeyCache {
        private final String tenant;
        private final AssetQuery filter;
        private final Map<String, Entry> entries = new LinkedHashMap<>(CACHED_KEYS * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > CACHED_KEYS;
            }
        };

        KeyCache(String tenant, AssetQuery filter) {
            this.tenant = tenant;
            this.filter = filter;
        }

        record Entry(boolean matches, Map<String, HistoryEntry> history) {
        }

        Entry get(String keyId) {
            return entries.computeIfAbsent(keyId, this::load);
        }

        private Entry load(String keyId) {
            if (!filter.equals(AssetQuery.ALL)) {
                Optional<CryptoAsset> asset = store.asset(tenant, keyId).map(Versioned::value);
                if (asset.isEmpty() || !filter.matches(asset.get())) {
                    return new Entry(false, Map.of());
                }
            }
            List<StoredEvent> events = store.eventsForKey(tenant, keyId);
            Map<String, HistoryEntry> byDedupKey = new HashMap<>();
            for (HistoryEntry h : AssetProjection.history(tenant, events)) {
                byDedupKey.put(h.stored().event().dedupKey(), h);
            }
            return new Entry(true, byDedupKey);
        }
    }
}
