package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.s;
import static io.keyledger.aws.dynamodb.Keys.PK;
import static io.keyledger.aws.dynamodb.Keys.SK;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Key events, as three items each:
 * <ul>
 *   <li>the <b>marker</b> in a partition of its own, keyed by provider and event id: its conditional
 *       put is what makes an insert idempotent for the whole tenant;</li>
 *   <li>the <b>history</b> item in the key's partition, for the key's history;</li>
 *   <li>the <b>day</b> item in the tenant's partition of the event's UTC day, sorted by event time, for
 *       the windowed reads of the anomaly rules.</li>
 * </ul>
 * The marker is written first; the other two follow in one batch. A writer that dies in between leaves
 * a marker without its items: the next delivery of the event (every channel redelivers what was not
 * acknowledged) finds them missing and writes them.
 */
final class EventItems implements EventStore {

    private static final String TYPE = "type";
    private static final String KEY_ID = "keyId";
    private static final String DEDUP_KEY = "dedupKey";
    private static final String EVENT_TIME = "eventTime";
    private static final String RECEIVED_AT = "receivedAt";
    private static final String BODY = "body";
    /** Windows longer than this read the tenant's list of days instead of trying every day in between. */
    private static final int DAYS_READ_DIRECTLY = 7;
    private static final int WRITE_CHUNK = 1000;

    private final DynamoDbCalls calls;
    private final TenantItems tenants;
    private final Clock clock;
    /** Days already listed in the tenant's day list by this store ("tenant day"): listing them again is idempotent but costs a write. */
    private final Set<String> listedDays = ConcurrentHashMap.newKeySet();

    EventItems(DynamoDbCalls calls, TenantItems tenants, Clock clock) {
        this.calls = calls;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Override
    public boolean insertEvent(StoredEvent stored) {
        String tenant = tenants.writing(stored.tenant());
        KeyEvent e = stored.event();
        listDay(tenant, Attributes.day(e.eventTime(), "event time of " + e.dedupKey()));
        Map<String, AttributeValue> marker = marker(stored);
        PutItemRequest put = PutItemRequest.builder().item(marker).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK)).build();
        if (calls.putIf(put, "store the event " + e.dedupKey())) {
            calls.batchWrite(List.of(putRequest(history(stored)), putRequest(day(stored))),
                    "store the event " + e.dedupKey() + " in its key's history and its day");
            return true;
        }
        completeIfInterrupted(stored);
        return false;
    }

    /** A duplicate: if the first writer died after the marker, writes the items it left out. */
    private void completeIfInterrupted(StoredEvent duplicate) {
        String what = "check the stored event " + duplicate.event().dedupKey();
        Map<String, AttributeValue> historyKey = keyOf(history(duplicate));
        Map<String, AttributeValue> dayKey = keyOf(day(duplicate));
        List<Map<String, AttributeValue>> found = calls.batchGet(List.of(historyKey, dayKey), what);
        if (found.size() == 2) {
            return;
        }
        Optional<Map<String, AttributeValue>> marker = calls.get(keyOf(marker(duplicate)), what);
        if (marker.isEmpty() || !Attributes.string(marker.get(), KEY_ID).equals(duplicate.keyId())
                || !Attributes.string(marker.get(), EVENT_TIME).equals(timeKey(duplicate))) {
            return; // another event under the same id, or purged meanwhile: nothing of this one to complete
        }
        StoredEvent original = new StoredEvent(duplicate.tenant(), duplicate.event(),
                Instant.parse(Attributes.string(marker.get(), RECEIVED_AT)), Attributes.expiry(marker.get()));
        List<WriteRequest> missing = new ArrayList<>();
        for (Map<String, AttributeValue> item : List.of(history(original), day(original))) {
            Map<String, AttributeValue> key = keyOf(item);
            if (found.stream().noneMatch(f -> keyOf(f).equals(key))) {
                missing.add(putRequest(item));
            }
        }
        calls.batchWrite(missing, "complete the stored event " + duplicate.event().dedupKey());
    }

    @Override
    public List<StoredEvent> eventsForKey(String tenant, String keyId) {
        QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.keyPartition(tenant, keyId)), ":prefix", s(Keys.HISTORY_PREFIX)))
                .consistentRead(true).build();
        return visibleInHistoryOrder(tenant, calls.queryAll(q, "read the history of " + keyId));
    }

    @Override
    public List<StoredEvent> eventsToFold(String tenant, String keyId) {
        QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.keyPartition(tenant, keyId)), ":prefix", s(Keys.HISTORY_PREFIX)))
                .consistentRead(true).build();
        // Expired items stay readable until DynamoDB's TTL deletes them (within days): they still fold.
        List<StoredEvent> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : calls.queryAll(q, "read the events of " + keyId + " to fold")) {
            out.add(decode(tenant, item));
        }
        out.sort(StoredEvent.HISTORY_ORDER);
        return out;
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        String low = Attributes.timeKey(from, "window start");
        String high = Attributes.timeKey(to, "window end");
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String day : days(tenant, from, to.minusNanos(1))) {
            // Sort keys are "<event time>#<id>": between the two bounds is [from, to).
            QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk AND #sk BETWEEN :low AND :high")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", s(Keys.day(tenant, day)), ":low", s(low), ":high", s(high)))
                    .consistentRead(true).build();
            items.addAll(calls.queryAll(q, "read the events of " + day));
        }
        return visibleInHistoryOrder(tenant, items);
    }

    private List<String> days(String tenant, Instant first, Instant last) {
        LocalDate from = LocalDate.parse(Attributes.day(first, "window start"));
        LocalDate to = LocalDate.parse(Attributes.day(last, "window end"));
        if (!from.plusDays(DAYS_READ_DIRECTLY).isBefore(to)) {
            return from.datesUntil(to.plusDays(1)).map(LocalDate::toString).toList();
        }
        QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.days(tenant)), ":from", s(from.toString()),
                        ":to", s(to.toString())))
                .consistentRead(true).build();
        return calls.queryAll(q, "list the days with events").stream().map(i -> Attributes.string(i, SK)).toList();
    }

    private List<StoredEvent> visibleInHistoryOrder(String tenant, List<Map<String, AttributeValue>> items) {
        Instant now = clock.instant();
        List<StoredEvent> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            if (!Attributes.expired(item, now)) {
                out.add(decode(tenant, item));
            }
        }
        // DynamoDB orders text by UTF-8 bytes, Java by UTF-16 units: the Java order is the contract.
        out.sort(StoredEvent.HISTORY_ORDER);
        return out;
    }

    /** Gives each event (of one key, or of the whole tenant) its expiry from {@code rules}, on all three items. */
    void restamp(String tenant, Optional<String> keyId, ExpiryRules rules) {
        List<WriteRequest> writes = new ArrayList<>();
        forEachStored(tenant, keyId, "recompute event expiries", item -> {
            StoredEvent e = decode(tenant, item);
            Optional<Instant> expiry = rules.forEvent(e);
            if (!expiry.equals(e.expiresAt())) {
                StoredEvent restamped = e.withExpiresAt(expiry);
                writes.add(putRequest(marker(restamped)));
                writes.add(putRequest(history(restamped)));
                writes.add(putRequest(day(restamped)));
                flushIfFull(writes, "recompute event expiries");
            }
        });
        calls.batchWrite(writes, "recompute event expiries");
    }

    /** Removes the tenant's expired events (all three items of each); returns how many events went. */
    int purge(String tenant, Instant now) {
        List<WriteRequest> writes = new ArrayList<>();
        int[] removed = {0};
        forEachStored(tenant, Optional.empty(), "purge expired events", item -> {
            if (Attributes.expired(item, now)) {
                removed[0]++;
                String keyId = Attributes.string(item, KEY_ID);
                String dedupKey = Attributes.string(item, DEDUP_KEY);
                writes.add(deleteRequest(Keys.item(Keys.eventMarker(tenant, dedupKey), Keys.EVENT_MARKER)));
                writes.add(deleteRequest(Keys.item(Keys.keyPartition(tenant, keyId), Keys.history(dedupKey))));
                writes.add(deleteRequest(keyOf(item)));
                flushIfFull(writes, "purge expired events");
            }
        });
        calls.batchWrite(writes, "purge expired events");
        return removed[0];
    }

    /** Every event item of one key (its history) or of the tenant (its days), consistent reads. */
    private void forEachStored(String tenant, Optional<String> keyId, String what,
                               Consumer<Map<String, AttributeValue>> action) {
        if (keyId.isPresent()) {
            QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", s(Keys.keyPartition(tenant, keyId.get())),
                            ":prefix", s(Keys.HISTORY_PREFIX)))
                    .consistentRead(true).build();
            calls.query(q, 1000, what).forEachRemaining(action);
            return;
        }
        QueryRequest daysQuery = QueryRequest.builder().keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.days(tenant)))).consistentRead(true).build();
        for (Map<String, AttributeValue> dayItem : calls.queryAll(daysQuery, what)) {
            QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(Map.of(":pk", s(Keys.day(tenant, Attributes.string(dayItem, SK)))))
                    .consistentRead(true).build();
            calls.query(q, 1000, what).forEachRemaining(action);
        }
    }

    private void flushIfFull(List<WriteRequest> writes, String what) {
        if (writes.size() >= WRITE_CHUNK) {
            calls.batchWrite(List.copyOf(writes), what);
            writes.clear();
        }
    }

    /** Lists the day in the tenant's day list, once per store: restamps and purges find events through it. */
    private void listDay(String tenant, String day) {
        String id = tenant + " " + day;
        if (listedDays.contains(id)) {
            return;
        }
        Map<String, AttributeValue> item = Keys.item(Keys.days(tenant), day);
        item.put(TYPE, s("EVENT_DAY"));
        calls.put(item, "list the day " + day + " of tenant " + tenant);
        listedDays.add(id);
    }

    // --- items ---

    private static Map<String, AttributeValue> marker(StoredEvent stored) {
        Map<String, AttributeValue> item = Keys.item(Keys.eventMarker(stored.tenant(), stored.event().dedupKey()),
                Keys.EVENT_MARKER);
        item.put(TYPE, s("EVENT_MARKER"));
        item.put(KEY_ID, s(stored.keyId()));
        item.put(DEDUP_KEY, s(stored.event().dedupKey()));
        item.put(EVENT_TIME, s(timeKey(stored)));
        item.put(RECEIVED_AT, s(stored.receivedAt().toString()));
        Attributes.putExpiry(item, stored.expiresAt(), Duration.ZERO);
        return item;
    }

    private static Map<String, AttributeValue> history(StoredEvent stored) {
        return full(stored, Keys.item(Keys.keyPartition(stored.tenant(), stored.keyId()), Keys.history(stored.event().dedupKey())));
    }

    private static Map<String, AttributeValue> day(StoredEvent stored) {
        String day = Attributes.day(stored.event().eventTime(), "event time of " + stored.event().dedupKey());
        return full(stored, Keys.item(Keys.day(stored.tenant(), day), timeKey(stored) + "#" + stored.event().dedupKey()));
    }

    private static Map<String, AttributeValue> full(StoredEvent stored, Map<String, AttributeValue> item) {
        item.put(TYPE, s("EVENT"));
        item.put(KEY_ID, s(stored.keyId()));
        item.put(DEDUP_KEY, s(stored.event().dedupKey()));
        item.put(EVENT_TIME, s(timeKey(stored)));
        item.put(RECEIVED_AT, s(stored.receivedAt().toString()));
        Attributes.putBody(item, BODY, Json.write(stored.event()));
        Attributes.putExpiry(item, stored.expiresAt(), Duration.ZERO);
        return item;
    }

    private static String timeKey(StoredEvent stored) {
        return Attributes.timeKey(stored.event().eventTime(), "event time of " + stored.event().dedupKey());
    }

    private static StoredEvent decode(String tenant, Map<String, AttributeValue> item) {
        return new StoredEvent(tenant, Json.read(Attributes.body(item, BODY), KeyEvent.class),
                Instant.parse(Attributes.string(item, RECEIVED_AT)), Attributes.expiry(item));
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return new HashMap<>(Map.of(PK, item.get(PK), SK, item.get(SK)));
    }

    private static WriteRequest putRequest(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static WriteRequest deleteRequest(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }
}
