package io.keyledger.local.cli;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.ledger.LedgerTamperContract;
import io.keyledger.testkit.ledger.StoreTamper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The tamper suite on the SQLite file, as someone holding it would tamper (SQL on its own connection), and
 * verified and purged through {@code keyledger verify} and {@code keyledger purge-expired}: exit 1, the
 * record named, no stack trace.
 */
class SqliteTamperTest extends LedgerTamperContract {

    private CliHarness cli;

    @Override
    protected InventoryStore createStore(MutableClock clock, Path dir) {
        cli = new CliHarness(dir, clock, "tester");
        return SqliteInventoryStore.open(cli.db(), clock);
    }

    @Override
    protected Path checkpointsFile() {
        return dir.resolve("keyledger.checkpoints.jsonl");
    }

    @Override
    protected Path archiveDirectory() {
        return dir.resolve("keyledger-archive");
    }

    @Override
    protected Verdict verify(String tenant) {
        CliHarness.Result r = cli.run("verify", "--tenant", tenant);
        return new Verdict(r.exitCode(), r.out() + r.err());
    }

    @Override
    protected Verdict purge(String tenant) {
        CliHarness.Result r = cli.run("purge-expired", "--tenant", tenant);
        return new Verdict(r.exitCode(), r.out() + r.err());
    }

    @Override
    protected StoreTamper tamper() {
        return new SqlTamper(cli.db());
    }

    /** Edits the SQLite file with plain SQL, as anyone holding it can. */
    static final class SqlTamper implements StoreTamper {
        private final Path db;

        SqlTamper(Path db) {
            this.db = db;
        }

        void sql(String statement, Object... params) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 PreparedStatement s = c.prepareStatement(statement)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The stored form of an instant compared in SQL (the store's fixed-width key). */
        static String key(Instant at) {
            return String.format("%017d%09d", at.getEpochSecond() - Instant.MIN.getEpochSecond(), at.getNano());
        }

        @Override
        public void writeLedgerRecord(LedgerRecord r) {
            sql("INSERT OR REPLACE INTO ledger (tenant, sequence, recorded_at, type, key_id, payload, previous_hash, hash,"
                    + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r.tenant(), r.sequence(), r.recordedAt().toString(),
                    r.type().name(), r.keyId().orElse(null), r.payload(), r.previousHash(), r.hash(),
                    r.expiresAt().map(SqlTamper::key).orElse(null));
        }

        @Override
        public void deleteLedgerRecords(String tenant, long from, long to) {
            sql("DELETE FROM ledger WHERE tenant = ? AND sequence BETWEEN ? AND ?", tenant, from, to);
        }

        @Override
        public void setLedgerHead(String tenant, LedgerHead head) {
            sql("INSERT OR REPLACE INTO ledger_head (tenant, sequence, hash) VALUES (?, ?, ?)", tenant, head.sequence(),
                    head.hash());
        }

        @Override
        public void deleteLedgerHead(String tenant) {
            sql("DELETE FROM ledger_head WHERE tenant = ?", tenant);
        }

        @Override
        public void writeEvent(StoredEvent e) {
            sql("UPDATE events SET json = ?, received_at = ?, expires_at = ? WHERE tenant = ? AND dedup_key = ?",
                    Json.write(e.event()), e.receivedAt().toString(), e.expiresAt().map(SqlTamper::key).orElse(null),
                    e.tenant(), e.event().dedupKey());
        }

        @Override
        public void deleteEvent(String tenant, String keyId, String dedupKey) {
            sql("DELETE FROM events WHERE tenant = ? AND dedup_key = ?", tenant, dedupKey);
        }

        @Override
        public void writeAsset(String tenant, CryptoAsset a) {
            sql("UPDATE assets SET json = ?, state = ?, provider = ?, owner = ? WHERE tenant = ? AND key_id = ?",
                    Json.write(a), a.state().name(), a.provider().name(), a.owner().orElse(null), tenant, a.id());
        }

        @Override
        public void deleteLegalHold(String tenant, Optional<String> keyId) {
            sql("DELETE FROM legal_holds WHERE tenant = ? AND key_id = ?", tenant, keyId.orElse(""));
        }

        @Override
        public void setLedgerExpiry(String tenant, long sequence, Optional<Instant> expiry) {
            sql("UPDATE ledger SET expires_at = ? WHERE tenant = ? AND sequence = ?", expiry.map(SqlTamper::key)
                    .orElse(null), tenant, sequence);
        }

        @Override
        public void setEventExpiry(String tenant, String keyId, String dedupKey, Optional<Instant> expiry) {
            sql("UPDATE events SET expires_at = ? WHERE tenant = ? AND dedup_key = ?", expiry.map(SqlTamper::key)
                    .orElse(null), tenant, dedupKey);
        }

        @Override
        public void corruptRecordedAt(String tenant, long sequence, String text) {
            sql("UPDATE ledger SET recorded_at = ? WHERE tenant = ? AND sequence = ?", text, tenant, sequence);
        }

        @Override
        public void corruptEventExpiry(String tenant, String keyId, String dedupKey, String text) {
            sql("UPDATE events SET expires_at = ? WHERE tenant = ? AND dedup_key = ?", text, tenant, dedupKey);
        }
    }
}
