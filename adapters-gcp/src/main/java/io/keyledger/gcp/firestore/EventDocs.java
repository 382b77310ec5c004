package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.EventStore;
import io.keyledger.core.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key events: one document each in the tenant's {@code events}, named after the event's provider and id, so
 * that the create that stores it (precondition: it does not exist) is also what makes an insert idempotent for
 * the whole tenant. Its fields {@code keyId} and {@code eventTime} serve the key's history and the windowed
 * reads through Firestore's single-field indexes; the order of a history is applied to what is read.
 */
final class EventDocs implements EventStore {

    private static final String KEY_ID = "keyId";
    private static final String DEDUP_KEY = "dedupKey";
    private static final String EVENT_TIME = "eventTime";
    private static final String RECEIVED_AT = "receivedAt";
    private static final String BODY = "body";

    private final FirestoreCalls calls;
    private final Layout layout;
    private final TenantDocs tenants;
    private final Clock clock;

    EventDocs(FirestoreCalls calls, TenantDocs tenants, Clock clock) {
        this.calls = calls;
        this.layout = calls.layout();
        this.tenants = tenants;
        this.clock = clock;
    }

    @Override
    public boolean insertEvent(StoredEvent stored) {
        String tenant = tenants.writing(stored.tenant());
        String dedupKey = stored.event().dedupKey();
        return calls.commit(Writes.of().create(layout.event(tenant, dedupKey), encode(stored)),
                "store the event " + dedupKey);
    }

    @Override
    public List<StoredEvent> eventsForKey(String tenant, String keyId) {
        Query q = layout.collection(tenant, Layout.EVENTS).whereEqualTo(KEY_ID, keyId);
        return visibleInHistoryOrder(tenant, calls.query(q, "read the history of " + keyId));
    }

    @Override
    public List<StoredEvent> eventsToFold(String tenant, String keyId) {
        Query q = layout.collection(tenant, Layout.EVENTS).whereEqualTo(KEY_ID, keyId);
        List<StoredEvent> out = new ArrayList<>();
        // Expired but not yet purged events still tell what the key is (a record never expires with them).
        calls.query(q, "read the history of " + keyId).forEach(doc -> out.add(decode(tenant, doc)));
        out.sort(StoredEvent.HISTORY_ORDER);
        return out;
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        Query q = layout.collection(tenant, Layout.EVENTS)
                .whereGreaterThanOrEqualTo(EVENT_TIME, Fields.timeKey(from, "window start"))
                .whereLessThan(EVENT_TIME, Fields.timeKey(to, "window end"));
        return visibleInHistoryOrder(tenant, calls.query(q, "read the events from " + from + " to " + to));
    }

    private List<StoredEvent> visibleInHistoryOrder(String tenant, List<? extends DocumentSnapshot> docs) {
        Instant now = clock.instant();
        List<StoredEvent> out = new ArrayList<>();
        for (DocumentSnapshot doc : docs) {
            if (!Fields.expired(doc, now)) {
                out.add(decode(tenant, doc));
            }
        }
        // Firestore orders text by UTF-8 bytes, Java by UTF-16 units: the Java order is the contract.
        out.sort(StoredEvent.HISTORY_ORDER);
        return out;
    }

    /** Gives each event (of one key, or of the whole tenant) its expiry from {@code rules}. */
    void restamp(String tenant, Optional<String> keyId, ExpiryRules rules) {
        List<Writes.Write> writes = new ArrayList<>();
        for (DocumentSnapshot doc : stored(tenant, keyId, "recompute event expiries")) {
            StoredEvent e = decode(tenant, doc);
            Optional<Instant> expiry = rules.forEvent(e);
            if (!expiry.equals(e.expiresAt())) {
                writes.addAll(Writes.of().set(doc.getReference(), encode(e.withExpiresAt(expiry))).list());
            }
        }
        calls.commitAll(writes, "recompute event expiries");
    }

    /** Removes the tenant's expired events; returns how many went. */
    int purge(String tenant, Instant now) {
        Query expired = layout.collection(tenant, Layout.EVENTS)
                .whereLessThanOrEqualTo(Fields.EXPIRY, Fields.timeKey(now, "purge time"));
        List<Writes.Write> deletes = new ArrayList<>();
        for (DocumentSnapshot doc : calls.query(expired, "list expired events")) {
            if (Fields.expired(doc, now)) {
                deletes.addAll(Writes.of().delete(doc.getReference()).list());
            }
        }
        calls.commitAll(deletes, "purge expired events");
        return deletes.size();
    }

    private List<DocumentSnapshot> stored(String tenant, Optional<String> keyId, String what) {
        Query events = layout.collection(tenant, Layout.EVENTS);
        if (keyId.isPresent()) {
            return new ArrayList<>(calls.query(events.whereEqualTo(KEY_ID, keyId.get()), what));
        }
        return calls.all(events, DEDUP_KEY, d -> Fields.text(d, DEDUP_KEY), what);
    }

    private static Map<String, Object> encode(StoredEvent stored) {
        KeyEvent e = stored.event();
        Map<String, Object> fields = new HashMap<>();
        fields.put(KEY_ID, stored.keyId());
        fields.put(DEDUP_KEY, e.dedupKey());
        fields.put(EVENT_TIME, Fields.timeKey(e.eventTime(), "event time of " + e.dedupKey()));
        fields.put(RECEIVED_AT, stored.receivedAt().toString());
        Fields.putBody(fields, BODY, Json.write(e));
        Fields.putExpiry(fields, stored.expiresAt(), Duration.ZERO, "event " + e.dedupKey());
        return fields;
    }

    private static StoredEvent decode(String tenant, DocumentSnapshot doc) {
        return new StoredEvent(tenant, Json.read(Fields.body(doc, BODY), KeyEvent.class),
                Instant.parse(Fields.text(doc, RECEIVED_AT)), Fields.expiry(doc));
    }
}
