package io.keyledger.local.sqlite;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.EventStore;
import io.keyledger.core.store.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The key events of a {@link SqliteInventoryStore}: table {@code events}. */
final class SqliteEvents implements EventStore {

    /** What {@link #storedEvent} reads, in this order. */
    static final String EVENT_COLUMNS = "json, received_at, expires_at, dedup_key, key_id, event_time, event_id";

    private final Database db;
    private final Clock clock;

    SqliteEvents(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private String nowKey() {
        return InstantKey.of(clock.instant());
    }

    @Override
    public boolean insertEvent(StoredEvent event) {
        KeyEvent e = event.event();
        String json = Json.write(e);
        return db.call("store a key event", d -> {
            // An event archived with its ledger record is known by its idempotency key alone.
            PreparedStatement s = d.prepare("INSERT INTO events"
                    + " (tenant, dedup_key, key_id, event_time, event_id, received_at, expires_at, json)"
                    + " SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM archived_events a"
                    + " WHERE a.tenant = ?1 AND a.dedup_key = ?2) ON CONFLICT (tenant, dedup_key) DO NOTHING");
            s.setString(1, event.tenant());
            s.setString(2, e.dedupKey());
            s.setString(3, event.keyId());
            s.setString(4, InstantKey.of(e.eventTime()));
            s.setString(5, e.eventId());
            s.setString(6, event.receivedAt().toString());
            s.setString(7, event.expiresAt().map(InstantKey::of).orElse(null));
            s.setString(8, json);
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public List<StoredEvent> eventsForKey(String tenant, String keyId) {
        Objects.requireNonNull(tenant, "tenant");
        List<StoredEvent> events = db.call("read a key's events", d -> {
            PreparedStatement s = d.prepare("SELECT " + EVENT_COLUMNS + " FROM events"
                    + " WHERE tenant = ? AND key_id = ? AND (expires_at IS NULL OR expires_at > ?)"
                    + " ORDER BY event_time, event_id");
            s.setString(1, tenant);
            s.setString(2, keyId);
            s.setString(3, nowKey());
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(storedEvent(tenant, rs));
                }
            }
            return out;
        });
        // SQL compares event ids as UTF-8 bytes, Java as UTF-16 units: the Java order is the contract.
        events.sort(StoredEvent.HISTORY_ORDER);
        return events;
    }

    @Override
    public List<StoredEvent> eventsToFold(String tenant, String keyId) {
        return eventsOfKeyAfter("read a key's events to fold", tenant, keyId, Instant.MIN);
    }

    @Override
    public List<StoredEvent> eventsToFoldAfter(String tenant, String keyId, Instant after) {
        return eventsOfKeyAfter("read the end of a key's events", tenant, keyId, after);
    }

    /** Every stored event of the key later than {@code after}, expired or not, in history order. */
    private List<StoredEvent> eventsOfKeyAfter(String operation, String tenant, String keyId, Instant after) {
        Objects.requireNonNull(tenant, "tenant");
        List<StoredEvent> events = db.call(operation, d -> {
            PreparedStatement s = d.prepare("SELECT " + EVENT_COLUMNS + " FROM events"
                    + " WHERE tenant = ? AND key_id = ? AND event_time > ? ORDER BY event_time, event_id");
            s.setString(1, tenant);
            s.setString(2, keyId);
            s.setString(3, InstantKey.of(after));
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(storedEvent(tenant, rs));
                }
            }
            return out;
        });
        events.sort(StoredEvent.HISTORY_ORDER);
        return events;
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
        return recentEvents(tenant, from, to, Optional.empty());
    }

    /**
     * SQLite reads each event's action in its stored JSON, so that only the events asked for are parsed. A row whose
     * JSON is not valid is still read, and reported unreadable as every read reports it.
     */
    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to, Set<Action> actions) {
        return actions.isEmpty() ? List.of() : recentEvents(tenant, from, to, Optional.of(actions));
    }

    /** Counted first in SQL, on the same conditions: fewer than {@code atLeast} are not read. */
    @Override
    public List<StoredEvent> recentEventsIfAtLeast(String tenant, Instant from, Instant to, Set<Action> actions,
                                                   int atLeast) {
        if (actions.isEmpty()) {
            return List.of();
        }
        int count = db.call("count recent events", d -> {
            try (ResultSet rs = recent(d, "COUNT(*)", tenant, from, to, Optional.of(actions)).executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
        return count >= atLeast ? recentEvents(tenant, from, to, actions) : List.of();
    }

    private List<StoredEvent> recentEvents(String tenant, Instant from, Instant to, Optional<Set<Action>> actions) {
        List<StoredEvent> events = db.call("read recent events", d -> {
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet rs = recent(d, EVENT_COLUMNS, tenant, from, to, actions).executeQuery()) {
                while (rs.next()) {
                    out.add(storedEvent(tenant, rs));
                }
            }
            return out;
        });
        events.sort(StoredEvent.HISTORY_ORDER);
        return events;
    }

    /** The tenant's visible events in {@code [from, to)}, of these actions if given, as {@code columns}. */
    private PreparedStatement recent(Database d, String columns, String tenant, Instant from, Instant to,
                                     Optional<Set<Action>> actions) throws SQLException {
        Objects.requireNonNull(tenant, "tenant");
        List<String> names = actions.map(a -> a.stream().map(Action::name).toList()).orElse(List.of());
        String ofActions = actions.isEmpty() ? "" : " AND (NOT json_valid(json) OR json_extract(json, '$.action') IN ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + "))";
        PreparedStatement s = d.prepare("SELECT " + columns + " FROM events"
                + " WHERE tenant = ? AND event_time >= ? AND event_time < ?"
                + " AND (expires_at IS NULL OR expires_at > ?)" + ofActions);
        s.setString(1, tenant);
        s.setString(2, InstantKey.of(from));
        s.setString(3, InstantKey.of(to));
        s.setString(4, nowKey());
        for (int i = 0; i < names.size(); i++) {
            s.setString(5 + i, names.get(i));
        }
        return s;
    }

    /**
     * Reads a row of {@link #EVENT_COLUMNS}; the columns that copy fields of the event must agree with it.
     *
     * @throws io.keyledger.core.store.UnreadableRecordException naming the event and the column that cannot be read
     */
    static StoredEvent storedEvent(String tenant, ResultSet rs) throws SQLException {
        Rows.Row row = Rows.Row.of(tenant, "event " + rs.getString(4) + " of key " + rs.getString(5));
        KeyEvent event = row.json("json", rs.getBytes(1), KeyEvent.class);
        row.agrees("dedup_key", rs.getString(4), event.dedupKey());
        row.agrees("key_id", rs.getString(5), event.key().id());
        row.agrees("event_time", rs.getString(6), InstantKey.of(event.eventTime()));
        row.agrees("event_id", rs.getString(7), event.eventId());
        return new StoredEvent(tenant, event, row.instant("received_at", rs.getString(2)),
                row.instantKey("expires_at", rs.getString(3)));
    }
}
