package io.keyledger.local.sqlite;

import io.keyledger.core.store.StoreLifecycle;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** What spans the SQLite store's parts: one transaction per unit of work, the tenants of every table, closing. */
final class SqliteLifecycle implements StoreLifecycle {

    private final Database db;

    SqliteLifecycle(Database db) {
        this.db = db;
    }

    @Override
    public <T> T inUnitOfWork(Supplier<T> work) {
        return db.inUnitOfWork("run a unit of work", work);
    }

    @Override
    public Set<String> tenants() {
        return db.call("list tenants", d -> {
            // Every tenant with ledger records has a ledger head (kept after a purge), so the ledger itself need not be read.
            PreparedStatement s = d.prepare("SELECT tenant FROM assets UNION SELECT tenant FROM events"
                    + " UNION SELECT tenant FROM ledger_head UNION SELECT tenant FROM retention_policy"
                    + " UNION SELECT tenant FROM legal_holds UNION SELECT tenant FROM usage_rollups"
                    + " UNION SELECT tenant FROM sweep_reports UNION SELECT tenant FROM alerts"
                    + " UNION SELECT tenant FROM checkpoints UNION SELECT tenant FROM archive_segments");
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
