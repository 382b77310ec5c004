package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.store.CheckpointStore;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The ledger checkpoints of a {@link SqliteInventoryStore}: table {@code checkpoints}. */
final class SqliteCheckpoints implements CheckpointStore {

    private final Database db;

    SqliteCheckpoints(Database db) {
        this.db = db;
    }

    @Override
    public boolean putCheckpoint(Checkpoint checkpoint) {
        String json = Json.write(checkpoint);
        return db.call("keep a checkpoint", d -> {
            PreparedStatement s = d.prepare("INSERT INTO checkpoints (tenant, sequence, json) VALUES (?, ?, ?)"
                    + " ON CONFLICT (tenant, sequence) DO NOTHING");
            s.setString(1, checkpoint.tenant());
            s.setLong(2, checkpoint.sequence());
            s.setString(3, json);
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        List<Checkpoint> rows = db.call("read the latest checkpoint", d -> {
            PreparedStatement s = d.prepare("SELECT sequence, json FROM checkpoints WHERE tenant = ?"
                    + " ORDER BY sequence DESC LIMIT 1");
            s.setString(1, tenant);
            return checkpoints(tenant, s);
        });
        return rows.stream().findFirst();
    }

    @Override
    public Page<Checkpoint> checkpoints(String tenant, PageRequest page) {
        Objects.requireNonNull(tenant, "tenant");
        long after = page.cursor().map(Cursors::decodeSequence).orElse(0L);
        List<Checkpoint> rows = db.call("read checkpoints", d -> {
            PreparedStatement s = d.prepare("SELECT sequence, json FROM checkpoints WHERE tenant = ? AND sequence > ?"
                    + " ORDER BY sequence LIMIT ?");
            s.setString(1, tenant);
            s.setLong(2, after);
            s.setInt(3, page.limit() + 1);
            return checkpoints(tenant, s);
        });
        return Rows.page(rows, page.limit(), c -> Cursors.encode(c.sequence()));
    }

    private static List<Checkpoint> checkpoints(String tenant, PreparedStatement s) throws SQLException {
        List<Checkpoint> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Rows.Row row = Rows.Row.of(tenant, "checkpoint of record " + rs.getLong(1));
                Checkpoint c = row.json("json", rs.getBytes(2), Checkpoint.class);
                row.agrees("sequence", rs.getLong(1), c.sequence());
                row.agrees("tenant", tenant, c.tenant());
                out.add(c);
            }
        }
        return out;
    }
}
