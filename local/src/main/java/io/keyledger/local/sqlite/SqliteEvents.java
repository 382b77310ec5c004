package io.keyledger.local.sqlite;

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
import java.util.List;
import java.util.Objects;

/** The key events of a {@link SqliteInventoryStore}: table {@code events}. */
final class SqliteEvents implements EventStore {

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
            PreparedStatement s = d.prepare("INSERT INTO events"
                    + " (tenant, dedup_key, key_id, event_time, event_id, received_at, expires_at, json)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, dedup_key) DO NOTHING");
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
            PreparedStatement s = d.prepare("SELECT json, received_at, expires_at FROM events"
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
        Objects.requireNonNull(tenant, "tenant");
        List<StoredEvent> events = db.call("read a key's events to fold", d -> {
            PreparedStatement s = d.prepare("SELECT json, received_at, expires_at FROM events"
                    + " WHERE tenant = ? AND key_id = ? ORDER BY event_time, event_id");
            s.setString(1, tenant);
            s.setString(2, keyId);
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
        Objects.requireNonNull(tenant, "tenant");
        List<StoredEvent> events = db.call("read recent events", d -> {
            PreparedStatement s = d.prepare("SELECT json, received_at, expires_at FROM events"
                    + " WHERE tenant = ? AND event_time >= ? AND event_time < ? AND (expires_at IS NULL OR expires_at > ?)");
            s.setString(1, tenant);
            s.setString(2, InstantKey.of(from));
            s.setString(3, InstantKey.of(to));
            s.setString(4, nowKey());
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

    /** Reads a row of (json, received_at, expires_at). */
    static StoredEvent storedEvent(String tenant, ResultSet rs) throws SQLException {
        return new StoredEvent(tenant, Json.read(rs.getString(1), KeyEvent.class), Instant.parse(rs.getString(2)),
                Rows.instantKey(rs.getString(3)));
    }
}
