package io.keyledger.local.sqlite;

import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.UnreadableRecordException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The ledgers of a {@link SqliteInventoryStore}: tables {@code ledger} and {@code ledger_head}. */
final class SqliteLedger implements LedgerStore {

    static final String LEDGER_COLUMNS =
            "sequence, recorded_at, type, key_id, payload, previous_hash, hash, expires_at";

    private final Database db;
    private final Clock clock;

    SqliteLedger(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private String nowKey() {
        return InstantKey.of(clock.instant());
    }

    @Override
    public void appendLedger(LedgerRecord record) {
        db.atomically("append to the ledger", d -> {
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
        Readable rows = db.call("read the ledger", d -> {
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
            return readablePrefix(tenant, s);
        });
        if (rows.unreadable().isPresent()) {
            // The page ends before the record that cannot be read: the next page starts with it, and names it.
            if (rows.records().isEmpty()) {
                throw rows.unreadable().get();
            }
            List<LedgerRecord> items = rows.records();
            return new Page<>(items, Optional.of(Cursors.encode(items.get(items.size() - 1).sequence())));
        }
        return Rows.page(rows.records(), page.limit(), r -> Cursors.encode(r.sequence()));
    }

    /** The records read before the first that cannot be read, and that one's failure. */
    private record Readable(List<LedgerRecord> records, Optional<UnreadableRecordException> unreadable) {
    }

    private static Readable readablePrefix(String tenant, PreparedStatement s) throws SQLException {
        List<LedgerRecord> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                try {
                    out.add(ledgerRecord(tenant, rs));
                } catch (UnreadableRecordException e) {
                    return new Readable(out, Optional.of(e));
                }
            }
        }
        return new Readable(out, Optional.empty());
    }

    /**
     * The rows of a query of {@link #LEDGER_COLUMNS}, read back.
     *
     * @throws io.keyledger.core.store.UnreadableRecordException naming the first record and column that cannot be read
     */
    static List<LedgerRecord> ledgerRecords(String tenant, PreparedStatement s) throws SQLException {
        List<LedgerRecord> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(ledgerRecord(tenant, rs));
            }
        }
        return out;
    }

    private static LedgerRecord ledgerRecord(String tenant, ResultSet rs) throws SQLException {
        long sequence = rs.getLong(1);
        Rows.Row row = Rows.Row.ledger(tenant, sequence);
        return new LedgerRecord(tenant, sequence, row.instant("recorded_at", rs.getString(2)),
                row.name("type", rs.getString(3), LedgerEntryType.class), Optional.ofNullable(rs.getString(4)),
                row.text("payload", rs.getString(5)), row.text("previous_hash", rs.getString(6)),
                row.text("hash", rs.getString(7)), row.instantKey("expires_at", rs.getString(8)));
    }
}
