package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.PurgedRuns;
import io.keyledger.core.store.RetentionStore;
import io.keyledger.core.store.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Retention in a {@link SqliteInventoryStore}: tables {@code retention_policy} and {@code legal_holds}, and the
 * expiry columns of the other parts' tables, recomputed and purged each in one transaction.
 */
final class SqliteRetention implements RetentionStore {

    private final Database db;

    SqliteRetention(Database db) {
        this.db = db;
    }

    @Override
    public RetentionPolicy retentionPolicy(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read the retention policy", d -> {
            PreparedStatement s = d.prepare("SELECT json FROM retention_policy WHERE tenant = ?");
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Rows.Row.of(tenant, "retention policy").json("json", rs.getBytes(1),
                        RetentionPolicy.class) : RetentionPolicy.DEFAULT;
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
            PreparedStatement s = d.prepare("SELECT key_id, json FROM legal_holds WHERE tenant = ? ORDER BY key_id");
            s.setString(1, tenant);
            List<LegalHold> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Rows.Row row = Rows.Row.of(tenant, "legal hold on '" + rs.getString(1) + "'");
                    LegalHold hold = row.json("json", rs.getBytes(2), LegalHold.class);
                    row.agrees("key_id", rs.getString(1), holdScope(hold.keyId()));
                    row.agrees("tenant", tenant, hold.tenant());
                    out.add(hold);
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
            PreparedStatement events = d.prepare("SELECT " + SqliteEvents.EVENT_COLUMNS
                    + " FROM events WHERE tenant = ?" + ofKey);
            bindTenantAndKey(events, tenant, keyId);
            PreparedStatement setEvent = d.prepare("UPDATE events SET expires_at = ? WHERE tenant = ? AND dedup_key = ?");
            try (ResultSet rs = events.executeQuery()) {
                while (rs.next()) {
                    StoredEvent e = SqliteEvents.storedEvent(tenant, rs);
                    Optional<Instant> expiry = rules.forEvent(e);
                    if (!expiry.equals(e.expiresAt())) {
                        addBatch(setEvent, expiry, tenant, rs.getString(4));
                    }
                }
            }
            setEvent.executeBatch();

            PreparedStatement ledger = d.prepare(
                    "SELECT " + SqliteLedger.LEDGER_COLUMNS + " FROM ledger WHERE tenant = ?" + ofKey);
            bindTenantAndKey(ledger, tenant, keyId);
            PreparedStatement setLedger = d.prepare("UPDATE ledger SET expires_at = ? WHERE tenant = ? AND sequence = ?");
            for (LedgerRecord r : SqliteLedger.ledgerRecords(tenant, ledger)) {
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
    public PurgeResult purgeExpired(String tenant, Instant now, ExpiryRules rules) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(rules, "rules");
        String nowKey = InstantKey.of(now);
        return db.inTransaction("purge expired records", d -> {
            // The stored expiry only picks the rows to look at; the rules decide from each row's content.
            PreparedStatement candidateEvents = d.prepare("SELECT " + SqliteEvents.EVENT_COLUMNS
                    + " FROM events WHERE tenant = ? AND expires_at <= ?");
            candidateEvents.setString(1, tenant);
            candidateEvents.setString(2, nowKey);
            List<String> events = new ArrayList<>();
            try (ResultSet rs = candidateEvents.executeQuery()) {
                while (rs.next()) {
                    StoredEvent e = SqliteEvents.storedEvent(tenant, rs);
                    if (ExpiryRules.expired(rules.forEvent(e), now)) {
                        events.add(e.event().dedupKey());
                    }
                }
            }
            deleteEach(d, "DELETE FROM events WHERE tenant = ? AND dedup_key = ?", tenant, events);

            PreparedStatement candidateLedger = d.prepare("SELECT " + SqliteLedger.LEDGER_COLUMNS + " FROM ledger"
                    + " WHERE tenant = ? AND expires_at <= ? ORDER BY sequence");
            candidateLedger.setString(1, tenant);
            candidateLedger.setString(2, nowKey);
            List<LedgerRecord> removed = SqliteLedger.ledgerRecords(tenant, candidateLedger).stream()
                    .filter(r -> ExpiryRules.expired(rules.forLedger(r), now)).toList();
            PreparedStatement deleteLedger = d.prepare("DELETE FROM ledger WHERE tenant = ? AND sequence = ?");
            for (LedgerRecord r : removed) {
                deleteLedger.setString(1, tenant);
                deleteLedger.setLong(2, r.sequence());
                deleteLedger.addBatch();
            }
            deleteLedger.executeBatch();

            PreparedStatement candidateAssets = d.prepare("SELECT key_id, json FROM assets"
                    + " WHERE tenant = ? AND retained_until <= ?");
            candidateAssets.setString(1, tenant);
            candidateAssets.setString(2, nowKey);
            List<String> assets = new ArrayList<>();
            try (ResultSet rs = candidateAssets.executeQuery()) {
                while (rs.next()) {
                    CryptoAsset a = Rows.Row.of(tenant, "key record " + rs.getString(1))
                            .json("json", rs.getBytes(2), CryptoAsset.class);
                    if (ExpiryRules.expired(rules.forAsset(a), now)) {
                        assets.add(rs.getString(1));
                    }
                }
            }
            // A key record takes its usage rollup with it.
            deleteEach(d, "DELETE FROM usage_rollups WHERE tenant = ? AND key_id = ?", tenant, assets);
            deleteEach(d, "DELETE FROM assets WHERE tenant = ? AND key_id = ?", tenant, assets);
            return new PurgeResult(events.size(), removed.size(), assets.size(), PurgedRuns.of(removed));
        });
    }

    private static void deleteEach(Database d, String sql, String tenant, List<String> ids) throws SQLException {
        PreparedStatement s = d.prepare(sql);
        for (String id : ids) {
            s.setString(1, tenant);
            s.setString(2, id);
            s.addBatch();
        }
        s.executeBatch();
    }

}
