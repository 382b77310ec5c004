package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.store.UsageStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The usage rollups of a {@link SqliteInventoryStore}: table {@code usage_rollups}. */
final class SqliteUsage implements UsageStore {

    private final Database db;
    private final ParsedJson<UsageContext> parsed = new ParsedJson<>(UsageContext.class, ParsedJson.CAPACITY);

    SqliteUsage(Database db) {
        this.db = db;
    }

    @Override
    public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        Objects.requireNonNull(tenant, "tenant");
        return db.atomically("merge a usage rollup", d -> {
            Optional<UsageContext> stored = readUsage(d, tenant, keyId);
            UsageContext merged = stored.map(u -> u.merge(usage)).orElse(usage);
            if (stored.isPresent() && stored.get().equals(merged)) {
                return merged;
            }
            PreparedStatement s = d.prepare("INSERT INTO usage_rollups (tenant, key_id, json) VALUES (?, ?, ?)"
                    + " ON CONFLICT (tenant, key_id) DO UPDATE SET json = excluded.json");
            s.setString(1, tenant);
            s.setString(2, keyId);
            s.setString(3, Json.write(merged));
            s.executeUpdate();
            return merged;
        });
    }

    @Override
    public Optional<UsageContext> usage(String tenant, String keyId) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read a usage rollup", d -> readUsage(d, tenant, keyId));
    }

    /** One query for a page of keys: their ids go in as one JSON array. */
    @Override
    public Map<String, UsageContext> usages(String tenant, Collection<String> keyIds) {
        Objects.requireNonNull(tenant, "tenant");
        if (keyIds.isEmpty()) {
            return Map.of();
        }
        String ids = Json.write(List.copyOf(keyIds));
        Map<String, byte[]> rows = db.call("read usage rollups", d -> {
            PreparedStatement s = d.prepare("SELECT key_id, json FROM usage_rollups WHERE tenant = ?"
                    + " AND key_id IN (SELECT value FROM json_each(?))");
            s.setString(1, tenant);
            s.setString(2, ids);
            Map<String, byte[]> out = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getBytes(2));
                }
            }
            return out;
        });
        // Parsed after the connection is released, as key records are.
        Map<String, UsageContext> out = new HashMap<>();
        rows.forEach((keyId, json) -> {
            try {
                out.put(keyId, parsed.read(tenant, keyId, json));
            } catch (IllegalArgumentException e) {
                throw Rows.Row.of(tenant, "usage rollup " + keyId).unreadable("json", "not a readable UsageContext");
            }
        });
        return out;
    }

    private static Optional<UsageContext> readUsage(Database d, String tenant, String keyId) throws SQLException {
        return Rows.readJson(d, "SELECT json FROM usage_rollups WHERE tenant = ? AND key_id = ?", tenant, keyId,
                UsageContext.class);
    }
}
