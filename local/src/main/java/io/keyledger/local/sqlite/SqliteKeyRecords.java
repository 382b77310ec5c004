package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.KeyRecordStore;
import io.keyledger.core.store.KeyWithUsage;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The key records of a {@link SqliteInventoryStore}: table {@code assets}. */
final class SqliteKeyRecords implements KeyRecordStore {

    /** What {@link #assetRow} reads, in this order. */
    static final String ASSET_COLUMNS = "json, key_id, provider, state, owner, retained_until";
    /** The same columns of table {@code assets} as {@code a}, when a query joins it with another. */
    private static final String ASSET_COLUMNS_OF_A = ASSET_COLUMNS.replaceAll("(\\w+)", "a.$1");

    /** The most rows read per statement when listing key records. */
    private static final int ASSET_READ_BATCH = 500;

    private final Database db;
    private final Clock clock;
    private final ParsedJson<CryptoAsset> parsed = new ParsedJson<>(CryptoAsset.class, ParsedJson.CAPACITY);
    private final ParsedJson<UsageContext> parsedUsage = new ParsedJson<>(UsageContext.class, ParsedJson.CAPACITY);

    SqliteKeyRecords(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private String nowKey() {
        return InstantKey.of(clock.instant());
    }

    @Override
    public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read a key record", d -> {
            PreparedStatement s = d.prepare("SELECT " + ASSET_COLUMNS + ", revision FROM assets"
                    + " WHERE tenant = ? AND key_id = ? AND (retained_until IS NULL OR retained_until > ?)");
            s.setString(1, tenant);
            s.setString(2, keyId);
            s.setString(3, nowKey());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Versioned<>(assetRow(tenant, rs), rs.getLong(7))) : Optional.empty();
            }
        });
    }

    @Override
    public long putAsset(String tenant, CryptoAsset asset, long expectedRevision) {
        if (!asset.tenant().equals(tenant)) {
            throw new IllegalArgumentException("asset of tenant '" + asset.tenant() + "' written as tenant '" + tenant + "'");
        }
        String json = Json.write(asset);
        String now = nowKey();
        return db.atomically("write a key record", d -> {
            if (expectedRevision != 0 && updateUnindexed(d, tenant, asset, json, expectedRevision, now)) {
                return expectedRevision + 1;
            }
            PreparedStatement s;
            if (expectedRevision == 0) {
                // An expired record counts as absent: the write replaces it and starts again at revision 1.
                s = d.prepare("INSERT INTO assets (provider, state, owner, retained_until, json, tenant, key_id, revision)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (tenant, key_id) DO UPDATE SET"
                        + " provider = excluded.provider, state = excluded.state, owner = excluded.owner,"
                        + " retained_until = excluded.retained_until, json = excluded.json, revision = 1"
                        + " WHERE assets.retained_until <= ?");
            } else {
                s = d.prepare("UPDATE assets SET provider = ?, state = ?, owner = ?, retained_until = ?, json = ?,"
                        + " revision = revision + 1 WHERE tenant = ? AND key_id = ? AND revision = ?"
                        + " AND (retained_until IS NULL OR retained_until > ?)");
                s.setLong(8, expectedRevision);
            }
            s.setString(1, asset.provider().name());
            s.setString(2, asset.state().name());
            s.setString(3, asset.owner().orElse(null));
            s.setString(4, asset.retainedUntil().map(InstantKey::of).orElse(null));
            s.setString(5, json);
            s.setString(6, tenant);
            s.setString(7, asset.id());
            s.setString(expectedRevision == 0 ? 8 : 9, now);
            if (s.executeUpdate() == 0) {
                throw new StaleRevisionException("key " + asset.id() + " is at revision "
                        + visibleRevision(d, tenant, asset.id(), now) + ", not " + expectedRevision);
            }
            return expectedRevision + 1;
        });
    }

    /**
     * Updates the record when its provider, state and owner stay as they are: a statement that does not set the
     * indexed columns leaves their indexes' pages alone, and most changes of a key change none of them. False when
     * the row is not at the expected revision or one of those columns changes; the caller then writes them all.
     */
    private static boolean updateUnindexed(Database d, String tenant, CryptoAsset asset, String json,
                                           long expectedRevision, String now) throws SQLException {
        PreparedStatement s = d.prepare("UPDATE assets SET retained_until = ?, json = ?, revision = revision + 1"
                + " WHERE tenant = ? AND key_id = ? AND revision = ? AND (retained_until IS NULL OR retained_until > ?)"
                + " AND provider = ? AND state = ? AND owner IS ?");
        s.setString(1, asset.retainedUntil().map(InstantKey::of).orElse(null));
        s.setString(2, json);
        s.setString(3, tenant);
        s.setString(4, asset.id());
        s.setLong(5, expectedRevision);
        s.setString(6, now);
        s.setString(7, asset.provider().name());
        s.setString(8, asset.state().name());
        s.setString(9, asset.owner().orElse(null));
        return s.executeUpdate() == 1;
    }

    /** The revision a reader sees: 0 if there is no record or only an expired one. */
    private static long visibleRevision(Database d, String tenant, String keyId, String now) throws SQLException {
        PreparedStatement s = d.prepare("SELECT revision FROM assets WHERE tenant = ? AND key_id = ?"
                + " AND (retained_until IS NULL OR retained_until > ?)");
        s.setString(1, tenant);
        s.setString(2, keyId);
        s.setString(3, now);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) {
        Page<KeyWithUsage> read = read(tenant, query, page, false);
        return new Page<>(read.items().stream().map(KeyWithUsage::record).toList(), read.nextCursor());
    }

    /** A page of key records with their usage rollups, read together (one hold of the connection, not two). */
    Page<KeyWithUsage> assetsWithUsage(String tenant, AssetQuery query, PageRequest page) {
        return read(tenant, query, page, true);
    }

    private Page<KeyWithUsage> read(String tenant, AssetQuery query, PageRequest page, boolean withUsage) {
        Objects.requireNonNull(tenant, "tenant");
        List<KeyWithUsage> matching = new ArrayList<>();
        Optional<String> after = page.cursor().map(Cursors::decode);
        // Provider, state and owner are columns; the other filters are applied to the rows read, so a
        // page is filled by reading on until it holds one match more than it shows. The first read takes
        // just that many rows (all a page needs when no other filter is given); later ones take more.
        int batch = Math.min(ASSET_READ_BATCH, page.limit() + 1);
        while (true) {
            List<AssetRow> rows = assetRows(tenant, query, after, batch, withUsage);
            for (AssetRow row : rows) {
                CryptoAsset a = row.read(tenant, parsed);
                if (query.matches(a)) {
                    matching.add(new KeyWithUsage(a, row.usage(tenant, parsedUsage)));
                    if (matching.size() > page.limit()) {
                        return Rows.page(matching, page.limit(), x -> Cursors.encode(x.record().id()));
                    }
                }
            }
            if (rows.size() < batch) {
                return Rows.page(matching, page.limit(), x -> Cursors.encode(x.record().id()));
            }
            after = Optional.of(rows.get(rows.size() - 1).keyId());
            batch = Math.min(ASSET_READ_BATCH, batch * 4);
        }
    }

    /**
     * Reads a row of {@link #ASSET_COLUMNS}: the columns that copy fields of the record (used to filter and
     * to expire) must agree with it, so that a listing filtered by one of them cannot be made to lie.
     */
    static CryptoAsset assetRow(String tenant, ResultSet rs) throws SQLException {
        Rows.Row row = Rows.Row.of(tenant, "key record " + rs.getString(2));
        CryptoAsset a = row.json("json", rs.getBytes(1), CryptoAsset.class);
        return agreeing(row, tenant, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), a);
    }

    private static CryptoAsset agreeing(Rows.Row row, String tenant, String keyId, String provider, String state,
                                        String owner, String retainedUntil, CryptoAsset a) {
        row.agrees("key_id", keyId, a.id());
        row.agrees("tenant", tenant, a.tenant());
        row.agrees("provider", provider, a.provider().name());
        row.agrees("state", state, a.state().name());
        row.agrees("owner", owner, a.owner().orElse(null));
        row.agrees("retained_until", row.instantKey("retained_until", retainedUntil), a.retainedUntil());
        return a;
    }

    /**
     * A key record as stored; its JSON is read after the connection is released, so readers parse in parallel,
     * and then held to the columns that copy its fields, as {@link #assetRow} does.
     */
    private record AssetRow(String keyId, String provider, String state, String owner, String retainedUntil,
                            byte[] json, byte[] usageJson) {

        Optional<UsageContext> usage(String tenant, ParsedJson<UsageContext> parsed) {
            if (usageJson == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(parsed.read(tenant, keyId, usageJson));
            } catch (IllegalArgumentException e) {
                throw Rows.Row.of(tenant, "usage rollup " + keyId).unreadable("json", "not a readable UsageContext");
            }
        }

        CryptoAsset read(String tenant, ParsedJson<CryptoAsset> parsed) {
            Rows.Row row = Rows.Row.of(tenant, "key record " + keyId);
            if (json == null) {
                throw row.unreadable("json", "missing");
            }
            CryptoAsset a;
            try {
                a = parsed.read(tenant, keyId, json);
            } catch (IllegalArgumentException e) {
                throw row.unreadable("json", "not a readable CryptoAsset");
            }
            return agreeing(row, tenant, keyId, provider, state, owner, retainedUntil, a);
        }
    }

    private List<AssetRow> assetRows(String tenant, AssetQuery query, Optional<String> after, int limit,
                                     boolean withUsage) {
        // With usage, the rollups come in the same statement: a page holds the connection once.
        String c = withUsage ? "a." : "";
        StringBuilder sql = new StringBuilder(withUsage
                ? "SELECT " + ASSET_COLUMNS_OF_A + ", u.json FROM assets a LEFT JOIN usage_rollups u"
                        + " ON u.tenant = a.tenant AND u.key_id = a.key_id"
                : "SELECT " + ASSET_COLUMNS + ", NULL FROM assets");
        sql.append(" WHERE " + c + "tenant = ? AND (" + c + "retained_until IS NULL OR " + c + "retained_until > ?)");
        List<String> args = new ArrayList<>(List.of(tenant, nowKey()));
        after.ifPresent(k -> {
            sql.append(" AND " + c + "key_id > ?");
            args.add(k);
        });
        query.provider().ifPresent(p -> {
            sql.append(" AND " + c + "provider = ?");
            args.add(p.name());
        });
        query.state().ifPresent(st -> {
            sql.append(" AND " + c + "state = ?");
            args.add(st.name());
        });
        query.owner().ifPresent(o -> {
            sql.append(" AND " + c + "owner = ?");
            args.add(o);
        });
        sql.append(" ORDER BY " + c + "key_id LIMIT ?");
        return db.call("list key records", d -> {
            PreparedStatement s = d.prepare(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                s.setString(i + 1, args.get(i));
            }
            s.setInt(args.size() + 1, limit);
            List<AssetRow> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new AssetRow(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getBytes(1), rs.getBytes(7)));
                }
            }
            return out;
        });
    }
}
