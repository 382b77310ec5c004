package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.EventStore;
import io.keyledger.core.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Key events, as three entities each:
 * <ul>
 *   <li>the <b>history</b> entity in the key's partition, for the key's history;</li>
 *   <li>the <b>day</b> entity in the tenant's partition of the event's UTC day, sorted by event time, for
 *       the windowed reads of the anomaly rules;</li>
 *   <li>the <b>marker</b> in a partition of its own, keyed by provider and event id: it is written last,
 *       with a create that fails if it exists, and that create is what makes an insert idempotent for
 *       the whole tenant.</li>
 * </ul>
 * The marker is read first: a redelivered event costs that one read. A new event's history and day
 * entities are written (idempotent upserts) before its marker, so a marker always means a complete
 * event; a writer that dies before the marker leaves entities that the redelivery writes again, and the
 * redelivery then counts as the insert.
 */
final class EventEntities implements EventStore {

    private static final String KEY_ID = "keyId";
    private static final String DEDUP_KEY = "dedupKey";
    private static final String EVENT_TIME = "eventTime";
    private static final String RECEIVED_AT = "receivedAt";
    private static final String BODY = "body";
    private static final int DAYS_READ_DIRECTLY = 7;

    private final TableCalls calls;
    private final TenantEntities tenants;
    private final Clock clock;
    private final TablesRetention retention;
    private final Set<String> listedDays = ConcurrentHashMap.newKeySet();

    EventEntities(TableCalls calls, TenantEntities tenants, Clock clock, TablesRetention retention) {
        this.calls = calls;
        this.tenants = tenants;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public boolean insertEvent(StoredEvent stored) {
        String tenant = tenants.writing(stored.tenant());
        KeyEvent e = stored.event();
        String what = "store the event " + e.dedupKey();
        String markerPartition = Keys.eventMarker(tenant, e.dedupKey());
        if (calls.get(markerPartition, Keys.EVENT_MARKER, "check the event " + e.dedupKey()).isPresent()) {
            return false;
        }
        listDay(tenant, Entities.day(e.eventTime(), "event time of " + e.dedupKey()));
        Instant now = clock.instant();
        calls.upsert(history(stored, now), what + " in its key's history");
        calls.upsert(day(stored, now), what + " in its day");
        return calls.insert(marker(stored, now), what).isPresent();
    }

    @Override
    public List<StoredEvent> eventsForKey(String tenant, String keyId) {
        String filter = "PartitionKey eq " + Keys.literal(Keys.keyPartition(tenant, keyId)) + " and RowKey ge "
                + Keys.literal(Keys.HISTORY_PREFIX) + " and RowKey lt " + Keys.literal(afterPrefix(Keys.HISTORY_PREFIX));
        return visibleInHistoryOrder(tenant, calls.queryAll(filter, "read the history of " + keyId));
    }

    @Override
    public List<StoredEvent> eventsToFold(String tenant, String keyId) {
        String filter = "PartitionKey eq " + Keys.literal(Keys.keyPartition(tenant, keyId)) + " and RowKey ge "
                + Keys.literal(Keys.HISTORY_PREFIX) + " and RowKey lt " + Keys.literal(afterPrefix(Keys.HISTORY_PREFIX));
        List<StoredEvent> out = new ArrayList<>();
        // Expired but not yet purged events still tell what the key is (a record never expires with them).
        calls.queryAll(filter, "read the history of " + keyId).forEach(e -> out.add(decode(tenant, e)));
        out.sort(StoredEvent.HISTORY_ORDER);
        return out;
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        String low = Entities.timeKey(from, "window start");
        String high = Entities.timeKey(to, "window end");
        List<TableEntity> entities = new ArrayList<>();
        for (String day : days(tenant, from, to.minusNanos(1))) {
            // Row keys are "<event time>|<id>": from the start's time on, before the end's.
            String filter = "PartitionKey eq " + Keys.literal(Keys.day(tenant, day)) + " and RowKey ge "
                    + Keys.literal(low) + " and RowKey lt " + Keys.literal(high);
            entities.addAll(calls.queryAll(filter, "read the events of " + day));
        }
        return visibleInHistoryOrder(tenant, entities);
    }

    private List<String> days(String tenant, Instant first, Instant last) {
        LocalDate from = LocalDate.parse(Entities.day(first, "window start"));
        LocalDate to = LocalDate.parse(Entities.day(last, "window end"));
        if (!from.plusDays(DAYS_READ_DIRECTLY).isBefore(to)) {
            return from.datesUntil(to.plusDays(1)).map(LocalDate::toString).toList();
        }
        String filter = "PartitionKey eq " + Keys.literal(Keys.days(tenant)) + " and RowKey ge "
                + Keys.literal(from.toString()) + " and RowKey le " + Keys.literal(to.toString());
        return calls.queryAll(filter, "list the days with events").stream().map(TableEntity::getRowKey).toList();
    }

    private List<StoredEvent> visibleInHistoryOrder(String tenant, List<TableEntity> entities) {
        Instant now = clock.instant();
        List<StoredEvent> out = new ArrayList<>();
        for (TableEntity e : entities) {
            if (!Entities.expired(e, now)) {
                out.add(decode(tenant, e));
            }
        }
        out.sort(StoredEvent.HISTORY_ORDER);
        return out;
    }

    /** Gives each event (of one key, or of the whole tenant) its expiry from {@code rules}, on all three entities. */
    void restamp(String tenant, Optional<String> keyId, ExpiryRules rules) {
        List<TableTransactionAction> writes = new ArrayList<>();
        Instant now = clock.instant();
        forEachStored(tenant, keyId, Optional.empty(), "recompute event expiries", e -> {
            StoredEvent stored = decode(tenant, e);
            Optional<Instant> expiry = rules.forEvent(stored);
            if (!expiry.equals(stored.expiresAt())) {
                StoredEvent restamped = stored.withExpiresAt(expiry);
                writes.add(upsert(marker(restamped, now)));
                writes.add(upsert(history(restamped, now)));
                writes.add(upsert(day(restamped, now)));
            }
        });
        calls.transactAll(writes, "recompute event expiries");
    }

    /** Removes the tenant's expired events (all three entities of each); returns how many events went. */
    int purge(String tenant, Instant now) {
        List<TableTransactionAction> deletes = new ArrayList<>();
        int[] removed = {0};
        forEachStored(tenant, Optional.empty(), Optional.of(now), "purge expired events", e -> {
            if (Entities.expired(e, now)) {
                removed[0]++;
                String keyId = Entities.string(e, KEY_ID);
                String dedupKey = Entities.string(e, DEDUP_KEY);
                deletes.add(delete(Keys.keyPartition(tenant, keyId), Keys.history(dedupKey)));
                deletes.add(delete(e.getPartitionKey(), e.getRowKey()));
                deletes.add(delete(Keys.eventMarker(tenant, dedupKey), Keys.EVENT_MARKER));
            }
        });
        calls.transactAll(deletes, "purge expired events");
        return removed[0];
    }

    /**
     * Every event entity of one key (its history) or of the tenant (its days), expired by {@code expiredBy}
     * only when given (a filter the service applies).
     */
    private void forEachStored(String tenant, Optional<String> keyId, Optional<Instant> expiredBy, String what,
                               Consumer<TableEntity> action) {
        String expired = expiredBy.map(at -> " and " + Entities.EXPIRY + " le " + Keys.literal(Entities.timeKey(at, "now")))
                .orElse("");
        if (keyId.isPresent()) {
            String filter = "PartitionKey eq " + Keys.literal(Keys.keyPartition(tenant, keyId.get())) + " and RowKey ge "
                    + Keys.literal(Keys.HISTORY_PREFIX) + " and RowKey lt " + Keys.literal(afterPrefix(Keys.HISTORY_PREFIX))
                    + expired;
            calls.query(filter, 1000, what).forEachRemaining(action);
            return;
        }
        String daysFilter = "PartitionKey eq " + Keys.literal(Keys.days(tenant));
        for (TableEntity day : calls.queryAll(daysFilter, what)) {
            String filter = "PartitionKey eq " + Keys.literal(Keys.day(tenant, day.getRowKey())) + expired;
            calls.query(filter, 1000, what).forEachRemaining(action);
        }
    }

    private void listDay(String tenant, String day) {
        String id = tenant + " " + day;
        if (listedDays.contains(id)) {
            return;
        }
        calls.upsert(Entities.entity(Keys.days(tenant), day, "EVENT_DAY"), "list the day " + day + " of tenant " + tenant);
        listedDays.add(id);
    }

    /** The first text after every text starting with {@code prefix}. */
    static String afterPrefix(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    // --- entities ---

    private TableEntity marker(StoredEvent stored, Instant now) {
        TableEntity e = Entities.entity(Keys.eventMarker(stored.tenant(), stored.event().dedupKey()), Keys.EVENT_MARKER,
                "EVENT_MARKER");
        e.addProperty(KEY_ID, stored.keyId());
        e.addProperty(DEDUP_KEY, stored.event().dedupKey());
        e.addProperty(EVENT_TIME, timeKey(stored));
        e.addProperty(RECEIVED_AT, stored.receivedAt().toString());
        Entities.putExpiry(e, stored.expiresAt(), retention, now, Duration.ZERO);
        return e;
    }

    private TableEntity history(StoredEvent stored, Instant now) {
        return full(stored, Entities.entity(Keys.keyPartition(stored.tenant(), stored.keyId()),
                Keys.history(stored.event().dedupKey()), "EVENT"), now);
    }

    private TableEntity day(StoredEvent stored, Instant now) {
        String day = Entities.day(stored.event().eventTime(), "event time of " + stored.event().dedupKey());
        return full(stored, Entities.entity(Keys.day(stored.tenant(), day),
                Keys.dayRow(timeKey(stored), stored.event().dedupKey()), "EVENT"), now);
    }

    private TableEntity full(StoredEvent stored, TableEntity e, Instant now) {
        e.addProperty(KEY_ID, stored.keyId());
        e.addProperty(DEDUP_KEY, stored.event().dedupKey());
        e.addProperty(EVENT_TIME, timeKey(stored));
        e.addProperty(RECEIVED_AT, stored.receivedAt().toString());
        Entities.putBody(e, BODY, Json.write(stored.event()));
        Entities.putExpiry(e, stored.expiresAt(), retention, now, Duration.ZERO);
        return e;
    }

    private static String timeKey(StoredEvent stored) {
        return Entities.timeKey(stored.event().eventTime(), "event time of " + stored.event().dedupKey());
    }

    private static StoredEvent decode(String tenant, TableEntity e) {
        return new StoredEvent(tenant, Json.read(Entities.body(e, BODY), KeyEvent.class),
                Instant.parse(Entities.string(e, RECEIVED_AT)), Entities.expiry(e));
    }

    private static TableTransactionAction upsert(TableEntity e) {
        return new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, e);
    }

    private static TableTransactionAction delete(String partition, String row) {
        return new TableTransactionAction(TableTransactionActionType.DELETE, new TableEntity(partition, row));
    }
}
