package io.keyledger.local.sqlite;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.alert.Alerts;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.PurgedRuns;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.SweepReportOrder;
import io.keyledger.core.store.Versioned;
import io.keyledger.core.sweep.SweepReport;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An {@link InventoryStore} in one SQLite file (one per installation), for the local CLI and server.
 * Thread-safe: calls share one connection, one at a time. Several stores or processes may open the
 * same file; conditional writes stay correct across them because each runs in a transaction that
 * holds SQLite's write lock (see {@link Database}).
 */
public final class SqliteInventoryStore implements InventoryStore {

    /** Rows read per statement when listing key records. */
    private static final int ASSET_READ_BATCH = 500;

    private static final String LEDGER_COLUMNS =
            "sequence, recorded_at, type, key_id, payload, previous_hash, hash, expires_at";

    private final Database db;
    private final Clock clock;

    private SqliteInventoryStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Opens (creating if need be, with its directories) the database file and brings its schema up to date. */
    public static SqliteInventoryStore open(Path dbFile, Clock clock) {
        Objects.requireNonNull(dbFile, "dbFile");
        Objects.requireNonNull(clock, "clock");
        Database db = Database.open(dbFile);
        try {
            Migrations.apply(db, clock);
        } catch (RuntimeException e) {
            try {
                db.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new SqliteInventoryStore(db, clock);
    }

    /** The database file, as an absolute path. */
    public Path file() {
        return db.file();
    }

    private String nowKey() {
        return InstantKey.of(clock.instant());
    }

    // --- key inventory records ---

    @Override
    public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read a key record", d -> {
            PreparedStatement s = d.prepare("SELECT revision, json FROM assets WHERE tenant = ? AND key_id = ?"
                    + " AND (retained_until IS NULL OR retained_until > ?)");
            s.setString(1, tenant);
            s.setString(2, keyId);
            s.setString(3, nowKey());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Versioned<>(Json.read(rs.getString(2), CryptoAsset.class), rs.getLong(1)))
                        : Optional.empty();
            }
        });
    }

    @Override
    public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        Objects.requireNonNull(tenant, "tenant");
        return db.inTransaction("merge a usage rollup", d -> {
            UsageContext merged = readUsage(d, tenant, keyId).map(u -> u.merge(usage)).orElse(usage);
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

    private static Optional<UsageContext> readUsage(Database d, String tenant, String keyId) throws SQLException {
        return readJson(d, "SELECT json FROM usage_rollups WHERE tenant = ? AND key_id = ?", tenant, keyId,
                UsageContext.class);
    }

    /** The one JSON column of the row a (tenant, id) query finds, read as {@code type}. */
    private static <T> Optional<T> readJson(Database d, String sql, String tenant, String id, Class<T> type)
            throws SQLException {
        PreparedStatement s = d.prepare(sql);
        s.setString(1, tenant);
        s.setString(2, id);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(Json.read(rs.getString(1), type)) : Optional.empty();
        }
    }

    @Override
    public void putSweepReport(SweepReport report) {
        db.call("keep a sweep report", d -> {
            PreparedStatement s = d.prepare("INSERT INTO sweep_reports (tenant, sort_key, json) VALUES (?, ?, ?)"
                    + " ON CONFLICT (tenant, sort_key) DO UPDATE SET json = excluded.json");
            s.setString(1, report.tenant());
            s.setString(2, SweepReportOrder.sortKey(report));
            s.setString(3, Json.write(report));
            return s.executeUpdate();
        });
    }

    @Override
    public Page<SweepReport> sweepReports(String tenant, PageRequest page) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("list sweep reports", d -> {
            PreparedStatement s = d.prepare("SELECT sort_key, json FROM sweep_reports WHERE tenant = ? AND sort_key > ?"
                    + " ORDER BY sort_key LIMIT ?");
            s.setString(1, tenant);
            s.setString(2, page.cursor().map(Cursors::decode).orElse(""));
            s.setInt(3, page.limit() + 1);
            List<SweepReport> items = new ArrayList<>();
            String last = null;
            boolean more = false;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == page.limit()) {
                        more = true;
                        break;
                    }
                    last = rs.getString(1);
                    items.add(Json.read(rs.getString(2), SweepReport.class));
                }
            }
            return new Page<>(items, more ? Optional.of(Cursors.encode(last)) : Optional.empty());
        });
    }

    @Override
    public long putAsset(String tenant, CryptoAsset asset, long expectedRevision) {
        if (!asset.tenant().equals(tenant)) {
            throw new IllegalArgumentException("asset of tenant '" + asset.tenant() + "' written as tenant '" + tenant + "'");
        }
        String json = Json.write(asset);
        String now = nowKey();
        return db.inTransaction("write a key record", d -> {
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
        Objects.requireNonNull(tenant, "tenant");
        List<CryptoAsset> matching = new ArrayList<>();
        Optional<String> after = page.cursor().map(Cursors::decode);
        // Provider, state and owner are columns; the other filters are applied to the rows read, so a
        // page is filled by reading on until it holds one match more than it shows.
        while (true) {
            List<CryptoAsset> rows = assetRows(tenant, query, after, ASSET_READ_BATCH);
            for (CryptoAsset a : rows) {
                if (query.matches(a)) {
                    matching.add(a);
                    if (matching.size() > page.limit()) {
                        return page(matching, page.limit(), x -> Cursors.encode(x.id()));
                    }
                }
            }
            if (rows.size() < ASSET_READ_BATCH) {
                return page(matching, page.limit(), x -> Cursors.encode(x.id()));
            }
            after = Optional.of(rows.get(rows.size() - 1).id());
        }
    }

    private List<CryptoAsset> assetRows(String tenant, AssetQuery query, Optional<String> after, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT json FROM assets WHERE tenant = ? AND (retained_until IS NULL OR retained_until > ?)");
        List<String> args = new ArrayList<>(List.of(tenant, nowKey()));
        after.ifPresent(c -> {
            sql.append(" AND key_id > ?");
            args.add(c);
        });
        query.provider().ifPresent(p -> {
            sql.append(" AND provider = ?");
            args.add(p.name());
        });
        query.state().ifPresent(st -> {
            sql.append(" AND state = ?");
            args.add(st.name());
        });
        query.owner().ifPresent(o -> {
            sql.append(" AND owner = ?");
            args.add(o);
        });
        sql.append(" ORDER BY key_id LIMIT ?");
        return db.call("list key records", d -> {
            PreparedStatement s = d.prepare(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                s.setString(i + 1, args.get(i));
            }
            s.setInt(args.size() + 1, limit);
            List<CryptoAsset> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Json.read(rs.getString(1), CryptoAsset.class));
                }
            }
            return out;
        });
    }

    /** Cuts one row more than the page holds (read only to learn that there is a next page) and sets the cursor. */
    private static <T> Page<T> page(List<T> rows, int limit, Function<T, String> cursorAfter) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, Optional.of(cursorAfter.apply(items.get(limit - 1))));
    }

    // --- key events ---

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
    private static StoredEvent storedEvent(String tenant, ResultSet rs) throws SQLException {
        return new StoredEvent(tenant, Json.read(rs.getString(1), KeyEvent.class), Instant.parse(rs.getString(2)),
                instantKey(rs.getString(3)));
    }

    private static Optional<Instant> instantKey(String key) {
        return Optional.ofNullable(key).map(InstantKey::parse);
    }

    // --- ledger ---

    @Override
    public void appendLedger(LedgerRecord record) {
        db.inTransaction("append to the ledger", d -> {
            PreparedStatement head;
            if (record.sequence() == 1) {
                head = d.prepare("INSERT INTO ledger_head (sequence, hash, tenant) VALUES (?, ?, ?)"
                        + " ON CONFLICT (tenant) DO NOTHING");
            } else {
                head = d.prepare("UPDATE ledger_head SET sequence = ?, hash = ? WHERE tenant = ? AND sequence = ?");
                head.setLong(4, record.sequence() - 1);
            }
            head.setLong(1, record.sequence());
            head.setString(2, record.hash());
            head.setString(3, record.tenant());
            if (head.executeUpdate() == 0) {
                throw new LedgerConflictException(record.tenant(), record.sequence());
            }
            PreparedStatement s = d.prepare("INSERT INTO ledger (tenant, " + LEDGER_COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            s.setString(1, record.tenant());
            s.setLong(2, record.sequence());
            s.setString(3, record.recordedAt().toString());
            s.setString(4, record.type().name());
            s.setString(5, record.keyId().orElse(null));
            s.setString(6, record.payload());
            s.setString(7, record.previousHash());
            s.setString(8, record.hash());
            s.setString(9, record.expiresAt().map(InstantKey::of).orElse(null));
            s.executeUpdate();
            return null;
        });
    }

    @Override
    public LedgerHead ledgerHead(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read the ledger head", d -> {
            PreparedStatement s = d.prepare("SELECT sequence, hash FROM ledger_head WHERE tenant = ?");
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new LedgerHead(rs.getLong(1), rs.getString(2)) : LedgerHead.EMPTY;
            }
        });
    }

    @Override
    public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired,
                                     PageRequest page) {
        Objects.requireNonNull(tenant, "tenant");
        long from = Math.max(fromSequence, page.cursor().map(c -> Cursors.decodeSequence(c) + 1).orElse(fromSequence));
        String sql = "SELECT " + LEDGER_COLUMNS + " FROM ledger WHERE tenant = ? AND sequence >= ?"
                + (keyId.isPresent() ? " AND key_id = ?" : "")
                + (includeExpired ? "" : " AND (expires_at IS NULL OR expires_at > ?)")
                + " ORDER BY sequence LIMIT ?";
        List<LedgerRecord> rows = db.call("read the ledger", d -> {
            PreparedStatement s = d.prepare(sql);
            int i = 1;
            s.setString(i++, tenant);
            s.setLong(i++, from);
            if (keyId.isPresent()) {
                s.setString(i++, keyId.get());
            }
            if (!includeExpired) {
                s.setString(i++, nowKey());
            }
            s.setInt(i, page.limit() + 1);
            return ledgerRecords(tenant, s);
        });
        return page(rows, page.limit(), r -> Cursors.encode(r.sequence()));
    }

    private static List<LedgerRecord> ledgerRecords(String tenant, PreparedStatement s) throws SQLException {
        List<LedgerRecord> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new LedgerRecord(tenant, rs.getLong(1), Instant.parse(rs.getString(2)),
                        LedgerEntryType.valueOf(rs.getString(3)), Optional.ofNullable(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getString(7), instantKey(rs.getString(8))));
            }
        }
        return out;
    }

    // --- retention ---

    @Override
    public RetentionPolicy retentionPolicy(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read the retention policy", d -> {
            PreparedStatement s = d.prepare("SELECT json FROM retention_policy WHERE tenant = ?");
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Json.read(rs.getString(1), RetentionPolicy.class) : RetentionPolicy.DEFAULT;
            }
        });
    }

    @Override
    public void putRetentionPolicy(String tenant, RetentionPolicy policy) {
        Objects.requireNonNull(tenant, "tenant");
        String json = Json.write(Objects.requireNonNull(policy, "policy"));
        db.call("write the retention policy", d -> {
            PreparedStatement s = d.prepare("INSERT INTO retention_policy (tenant, json) VALUES (?, ?)"
                    + " ON CONFLICT (tenant) DO UPDATE SET json = excluded.json");
            s.setString(1, tenant);
            s.setString(2, json);
            return s.executeUpdate();
        });
    }

    @Override
    public List<LegalHold> legalHolds(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read legal holds", d -> {
            PreparedStatement s = d.prepare("SELECT json FROM legal_holds WHERE tenant = ? ORDER BY key_id");
            s.setString(1, tenant);
            List<LegalHold> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Json.read(rs.getString(1), LegalHold.class));
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public void putLegalHold(LegalHold hold) {
        String json = Json.write(hold);
        db.call("place a legal hold", d -> {
            PreparedStatement s = d.prepare("INSERT INTO legal_holds (tenant, key_id, json) VALUES (?, ?, ?)"
                    + " ON CONFLICT (tenant, key_id) DO UPDATE SET json = excluded.json");
            s.setString(1, hold.tenant());
            s.setString(2, holdScope(hold.keyId()));
            s.setString(3, json);
            return s.executeUpdate();
        });
    }

    @Override
    public boolean removeLegalHold(String tenant, Optional<String> keyId) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("lift a legal hold", d -> {
            PreparedStatement s = d.prepare("DELETE FROM legal_holds WHERE tenant = ? AND key_id = ?");
            s.setString(1, tenant);
            s.setString(2, holdScope(keyId));
            return s.executeUpdate() > 0;
        });
    }

    /** A tenant-wide hold is stored under the empty key id, which no key has. */
    private static String holdScope(Optional<String> keyId) {
        return keyId.orElse("");
    }

    @Override
    public void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(rules, "rules");
        String ofKey = keyId.isPresent() ? " AND key_id = ?" : "";
        db.inTransaction("recompute expiries", d -> {
            // Reads first, then writes: SQLite leaves undefined what a running SELECT sees of rows changed under it.
            PreparedStatement events = d.prepare(
                    "SELECT json, received_at, expires_at, dedup_key FROM events WHERE tenant = ?" + ofKey);
            bindTenantAndKey(events, tenant, keyId);
            PreparedStatement setEvent = d.prepare("UPDATE events SET expires_at = ? WHERE tenant = ? AND dedup_key = ?");
            try (ResultSet rs = events.executeQuery()) {
                while (rs.next()) {
                    StoredEvent e = storedEvent(tenant, rs);
                    Optional<Instant> expiry = rules.forEvent(e);
                    if (!expiry.equals(e.expiresAt())) {
                        addBatch(setEvent, expiry, tenant, rs.getString(4));
                    }
                }
            }
            setEvent.executeBatch();

            PreparedStatement ledger = d.prepare("SELECT " + LEDGER_COLUMNS + " FROM ledger WHERE tenant = ?" + ofKey);
            bindTenantAndKey(ledger, tenant, keyId);
            PreparedStatement setLedger = d.prepare("UPDATE ledger SET expires_at = ? WHERE tenant = ? AND sequence = ?");
            for (LedgerRecord r : ledgerRecords(tenant, ledger)) {
                Optional<Instant> expiry = rules.forLedger(r);
                if (!expiry.equals(r.expiresAt())) {
                    setLedger.setString(1, expiry.map(InstantKey::of).orElse(null));
                    setLedger.setString(2, tenant);
                    setLedger.setLong(3, r.sequence());
                    setLedger.addBatch();
                }
            }
            setLedger.executeBatch();

            PreparedStatement assets = d.prepare("SELECT json FROM assets WHERE tenant = ?" + ofKey);
            bindTenantAndKey(assets, tenant, keyId);
            List<CryptoAsset> changed = new ArrayList<>();
            try (ResultSet rs = assets.executeQuery()) {
                while (rs.next()) {
                    CryptoAsset a = Json.read(rs.getString(1), CryptoAsset.class);
                    Optional<Instant> retainedUntil = rules.forAsset(a);
                    if (!retainedUntil.equals(a.retainedUntil())) {
                        changed.add(a.toBuilder().retainedUntil(retainedUntil).build());
                    }
                }
            }
            // The revision stays: retention is not a change of the key that a concurrent writer must see.
            PreparedStatement setAsset = d.prepare(
                    "UPDATE assets SET retained_until = ?, json = ? WHERE tenant = ? AND key_id = ?");
            for (CryptoAsset a : changed) {
                setAsset.setString(1, a.retainedUntil().map(InstantKey::of).orElse(null));
                setAsset.setString(2, Json.write(a));
                setAsset.setString(3, tenant);
                setAsset.setString(4, a.id());
                setAsset.addBatch();
            }
            setAsset.executeBatch();
            return null;
        });
    }

    private static void bindTenantAndKey(PreparedStatement s, String tenant, Optional<String> keyId) throws SQLException {
        s.setString(1, tenant);
        if (keyId.isPresent()) {
            s.setString(2, keyId.get());
        }
    }

    private static void addBatch(PreparedStatement s, Optional<Instant> expiry, String tenant, String id)
            throws SQLException {
        s.setString(1, expiry.map(InstantKey::of).orElse(null));
        s.setString(2, tenant);
        s.setString(3, id);
        s.addBatch();
    }

    @Override
    public PurgeResult purgeExpired(String tenant, Instant now) {
        Objects.requireNonNull(tenant, "tenant");
        String nowKey = InstantKey.of(now);
        return db.inTransaction("purge expired records", d -> {
            int events = deleteExpired(d, "DELETE FROM events WHERE tenant = ? AND expires_at <= ?", tenant, nowKey);
            PreparedStatement expiredLedger = d.prepare("SELECT " + LEDGER_COLUMNS + " FROM ledger"
                    + " WHERE tenant = ? AND expires_at <= ? ORDER BY sequence");
            expiredLedger.setString(1, tenant);
            expiredLedger.setString(2, nowKey);
            List<LedgerRecord> removed = ledgerRecords(tenant, expiredLedger);
            deleteExpired(d, "DELETE FROM ledger WHERE tenant = ? AND expires_at <= ?", tenant, nowKey);
            // A key record takes its usage rollup with it.
            deleteExpired(d, "DELETE FROM usage_rollups WHERE tenant = ? AND key_id IN (SELECT key_id FROM assets"
                    + " WHERE tenant = usage_rollups.tenant AND retained_until <= ?)", tenant, nowKey);
            int assets = deleteExpired(d, "DELETE FROM assets WHERE tenant = ? AND retained_until <= ?", tenant, nowKey);
            return new PurgeResult(events, removed.size(), assets, PurgedRuns.of(removed));
        });
    }

    private static int deleteExpired(Database d, String sql, String tenant, String nowKey) throws SQLException {
        PreparedStatement s = d.prepare(sql);
        s.setString(1, tenant);
        s.setString(2, nowKey);
        return s.executeUpdate();
    }

    @Override
    public <T> T inUnitOfWork(Supplier<T> work) {
        return db.inUnitOfWork("run a unit of work", work);
    }

    // --- alerts ---

    @Override
    public boolean insertAlert(Alert alert) {
        return db.call("store an alert", d -> {
            PreparedStatement s = d.prepare("INSERT INTO alerts (tenant, dedup_key, id, status, sort_key, json)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, dedup_key) DO NOTHING");
            s.setString(1, alert.tenant());
            s.setString(2, alert.dedupKey());
            s.setString(3, alert.id());
            s.setString(4, alert.status().name());
            s.setString(5, Alerts.sortKey(alert));
            s.setString(6, Json.write(alert));
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<Alert> alert(String tenant, String alertId) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read an alert", d -> readAlert(d, tenant, alertId));
    }

    private static Optional<Alert> readAlert(Database d, String tenant, String alertId) throws SQLException {
        return readJson(d, "SELECT json FROM alerts WHERE tenant = ? AND id = ?", tenant, alertId, Alert.class);
    }

    @Override
    public Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page) {
        Objects.requireNonNull(tenant, "tenant");
        String after = page.cursor().map(Cursors::decode).orElse("");
        return db.call("list alerts", d -> {
            PreparedStatement s = d.prepare("SELECT sort_key, json FROM alerts WHERE tenant = ? AND sort_key > ?"
                    + " AND (? IS NULL OR status = ?) ORDER BY sort_key LIMIT ?");
            s.setString(1, tenant);
            s.setString(2, after);
            s.setString(3, status.map(Enum::name).orElse(null));
            s.setString(4, status.map(Enum::name).orElse(null));
            s.setInt(5, page.limit() + 1);
            List<Alert> items = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                    items.add(Json.read(rs.getString(2), Alert.class));
                }
            }
            if (items.size() <= page.limit()) {
                return new Page<>(items, Optional.empty());
            }
            return new Page<>(items.subList(0, page.limit()), Optional.of(Cursors.encode(keys.get(page.limit() - 1))));
        });
    }

    @Override
    public Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at) {
        Objects.requireNonNull(tenant, "tenant");
        return db.inTransaction("acknowledge an alert", d -> {
            Optional<Alert> current = readAlert(d, tenant, alertId).filter(a -> a.status() == AlertStatus.OPEN);
            if (current.isEmpty()) {
                return Optional.<Alert>empty();
            }
            Alert acknowledged = current.get().acknowledged(by, at);
            PreparedStatement s = d.prepare("UPDATE alerts SET status = ?, json = ? WHERE tenant = ? AND id = ?"
                    + " AND status = ?");
            s.setString(1, acknowledged.status().name());
            s.setString(2, Json.write(acknowledged));
            s.setString(3, tenant);
            s.setString(4, alertId);
            s.setString(5, AlertStatus.OPEN.name());
            return s.executeUpdate() == 1 ? Optional.of(acknowledged) : Optional.<Alert>empty();
        });
    }

    @Override
    public Set<String> tenants() {
        return db.call("list tenants", d -> {
            // Every tenant with ledger records has a ledger head (kept after a purge), so the ledger itself need not be read.
            PreparedStatement s = d.prepare("SELECT tenant FROM assets UNION SELECT tenant FROM events"
                    + " UNION SELECT tenant FROM ledger_head UNION SELECT tenant FROM retention_policy"
                    + " UNION SELECT tenant FROM legal_holds UNION SELECT tenant FROM usage_rollups"
                    + " UNION SELECT tenant FROM sweep_reports UNION SELECT tenant FROM alerts");
            Set<String> out = new TreeSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
