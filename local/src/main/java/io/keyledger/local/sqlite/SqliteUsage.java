package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.store.UsageStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/** The usage rollups of a {@link SqliteInventoryStore}: table {@code usage_rollups}. */
final class SqliteUsage implements UsageStore {

    /** Rollups recently read: a use flush reads the key's rollup, then merges into it, reading it again. */
    private static final int RECENTLY_READ = 256;

    private final Database db;
    private final ParsedJson<UsageContext> parsed = new ParsedJson<>(UsageContext.class, RECENTLY_READ);

    SqliteUsage(Database db) {
        this.db = db;
    }

    @Override
    public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        return mergeUsageWithBefore(tenant, keyId, usage).after();
    }

    @Override
    public Merge mergeUsageWithBefore(String tenant, String keyId, UsageContext usage) {
        Objects.requireNonNull(tenant, "tenant");
        return db.atomically("merge a usage rollup", d -> {
            Optional<UsageContext> stored = readUsage(d, tenant, keyId);
            UsageContext merged = stored.map(u -> u.merge(usage)).orElse(usage);
            Merge merge = new Merge(stored.orElse(UsageContext.NONE), merged);
            if (stored.isPresent() && stored.get().equals(merged)) {
                return merge;
            }
            PreparedStatement s = d.prepare("INSERT INTO usage_rollups (tenant, key_id, json) VALUES (?, ?, ?)"
                    + " ON CONFLICT (tenant, key_id) DO UPDATE SET json = excluded.json");
            s.setString(1, tenant);
            s.setString(2, keyId);
            s.setString(3, Json.write(merged));
            s.executeUpdate();
            return merge;
        });
    }

    @Override
    public Optional<UsageContext> usage(String tenant, String keyId) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read a usage rollup", d -> readUsage(d, tenant, keyId));
    }

    private Optional<UsageContext> readUsage(Database d, String tenant, String keyId) throws SQLException {
        return Rows.jsonBytes(d, "SELECT json FROM usage_rollups WHERE tenant = ? AND key_id = ?", tenant, keyId)
                .map(json -> parsed.read(tenant, keyId, json));
    }
}
