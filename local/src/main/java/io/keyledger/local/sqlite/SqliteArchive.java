package io.keyledger.local.sqlite;

import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.ArchiveStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The archive index of a {@link SqliteInventoryStore} (tables {@code archive_segments} and
 * {@code archive_keys}), and the release of the rows a segment now holds: ledger records and events deleted,
 * the events' idempotency keys kept in {@code archived_events}.
 */
final class SqliteArchive implements ArchiveStore {

    private final Database db;

    SqliteArchive(Database db) {
        this.db = db;
    }

    @Override
    public boolean putSegment(ArchivedSegment segment, Set<String> keyIds) {
        String json = Json.write(segment);
        return db.inTransaction("index an archived segment", d -> {
            PreparedStatement s = d.prepare("INSERT INTO archive_segments (tenant, from_sequence, json) VALUES (?, ?, ?)"
                    + " ON CONFLICT (tenant, from_sequence) DO NOTHING");
            s.setString(1, segment.tenant());
            s.setLong(2, segment.fromSequence());
            s.setString(3, json);
            if (s.executeUpdate() == 0) {
                return false;
            }
            PreparedStatement key = d.prepare("INSERT INTO archive_keys (tenant, key_id, from_sequence) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING");
            for (String keyId : keyIds) {
                key.setString(1, segment.tenant());
                key.setString(2, keyId);
                key.setLong(3, segment.fromSequence());
                key.addBatch();
            }
            key.executeBatch();
            return true;
        });
    }

    @Override
    public List<ArchivedSegment> segments(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read the archive index", d -> {
            PreparedStatement s = d.prepare("SELECT from_sequence, json FROM archive_segments WHERE tenant = ?"
                    + " ORDER BY from_sequence");
            s.setString(1, tenant);
            return segments(tenant, s);
        });
    }

    @Override
    public List<ArchivedSegment> segmentsOfKey(String tenant, String keyId) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read a key's archived segments", d -> {
            PreparedStatement s = d.prepare("SELECT s.from_sequence, s.json FROM archive_keys k"
                    + " JOIN archive_segments s ON s.tenant = k.tenant AND s.from_sequence = k.from_sequence"
                    + " WHERE k.tenant = ? AND k.key_id = ? ORDER BY s.from_sequence");
            s.setString(1, tenant);
            s.setString(2, keyId);
            return segments(tenant, s);
        });
    }

    private static List<ArchivedSegment> segments(String tenant, PreparedStatement s) throws SQLException {
        List<ArchivedSegment> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Rows.Row row = Rows.Row.of(tenant, "archived segment from record " + rs.getLong(1));
                ArchivedSegment segment = row.json("json", rs.getBytes(2), ArchivedSegment.class);
                row.agrees("from_sequence", rs.getLong(1), segment.fromSequence());
                row.agrees("tenant", tenant, segment.tenant());
                out.add(segment);
            }
        }
        return out;
    }

    @Override
    public void releaseArchived(String tenant, List<Long> ledgerSequences, List<String> eventDedupKeys) {
        Objects.requireNonNull(tenant, "tenant");
        db.inTransaction("release archived records", d -> {
            PreparedStatement ledger = d.prepare("DELETE FROM ledger WHERE tenant = ? AND sequence = ?");
            for (long sequence : ledgerSequences) {
                ledger.setString(1, tenant);
                ledger.setLong(2, sequence);
                ledger.addBatch();
            }
            ledger.executeBatch();
            PreparedStatement known = d.prepare("INSERT INTO archived_events (tenant, dedup_key) VALUES (?, ?)"
                    + " ON CONFLICT DO NOTHING");
            PreparedStatement events = d.prepare("DELETE FROM events WHERE tenant = ? AND dedup_key = ?");
            for (String id : eventDedupKeys) {
                for (PreparedStatement s : List.of(known, events)) {
                    s.setString(1, tenant);
                    s.setString(2, id);
                    s.addBatch();
                }
            }
            known.executeBatch();
            events.executeBatch();
            return null;
        });
    }

    @Override
    public Set<String> archivedEvents(String tenant, List<String> eventDedupKeys) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read archived events' ids", d -> {
            PreparedStatement s = d.prepare("SELECT 1 FROM archived_events WHERE tenant = ? AND dedup_key = ?");
            Set<String> known = new java.util.HashSet<>();
            for (String id : eventDedupKeys) {
                s.setString(1, tenant);
                s.setString(2, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        known.add(id);
                    }
                }
            }
            return known;
        });
    }

    @Override
    public boolean removeSegment(String tenant, long fromSequence, Set<String> keyIds, List<String> eventDedupKeys) {
        Objects.requireNonNull(tenant, "tenant");
        return db.inTransaction("forget a purged segment", d -> {
            PreparedStatement s = d.prepare("DELETE FROM archive_segments WHERE tenant = ? AND from_sequence = ?");
            s.setString(1, tenant);
            s.setLong(2, fromSequence);
            if (s.executeUpdate() == 0) {
                return false;
            }
            PreparedStatement keys = d.prepare("DELETE FROM archive_keys WHERE tenant = ? AND from_sequence = ?");
            keys.setString(1, tenant);
            keys.setLong(2, fromSequence);
            keys.executeUpdate();
            PreparedStatement events = d.prepare("DELETE FROM archived_events WHERE tenant = ? AND dedup_key = ?");
            for (String id : eventDedupKeys) {
                events.setString(1, tenant);
                events.setString(2, id);
                events.addBatch();
            }
            events.executeBatch();
            return true;
        });
    }
}
