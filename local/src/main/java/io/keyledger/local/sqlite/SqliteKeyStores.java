package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.keystore.KeyStoreRecord;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.KeyStoreRecordStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The key store records of a {@link SqliteInventoryStore}: table {@code key_stores}. */
final class SqliteKeyStores implements KeyStoreRecordStore {

    private final Database db;

    SqliteKeyStores(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Versioned<KeyStoreRecord>> keyStore(String tenant, String keyStoreId) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("read a key store record", d -> {
            PreparedStatement s = d.prepare("SELECT revision, json FROM key_stores WHERE tenant = ? AND id = ?");
            s.setString(1, tenant);
            s.setString(2, keyStoreId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Versioned<>(Json.read(rs.getString(2), KeyStoreRecord.class), rs.getLong(1)))
                        : Optional.empty();
            }
        });
    }

    @Override
    public long putKeyStore(String tenant, KeyStoreRecord record, long expectedRevision) {
        if (!record.tenant().equals(tenant)) {
            throw new IllegalArgumentException("key store of tenant '" + record.tenant() + "' written as tenant '"
                    + tenant + "'");
        }
        String json = Json.write(record);
        return db.inTransaction("write a key store record", d -> {
            PreparedStatement s;
            if (expectedRevision == 0) {
                s = d.prepare("INSERT INTO key_stores (json, tenant, id, revision) VALUES (?, ?, ?, 1)"
                        + " ON CONFLICT (tenant, id) DO NOTHING");
            } else {
                s = d.prepare("UPDATE key_stores SET json = ?, revision = revision + 1"
                        + " WHERE tenant = ? AND id = ? AND revision = ?");
                s.setLong(4, expectedRevision);
            }
            s.setString(1, json);
            s.setString(2, tenant);
            s.setString(3, record.id());
            if (s.executeUpdate() == 0) {
                throw new StaleRevisionException("key store " + record.id() + " is not at revision " + expectedRevision);
            }
            return expectedRevision + 1;
        });
    }

    @Override
    public Page<KeyStoreRecord> keyStores(String tenant, PageRequest page) {
        Objects.requireNonNull(tenant, "tenant");
        Optional<String> after = page.cursor().map(Cursors::decode);
        List<KeyStoreRecord> rows = db.call("list key store records", d -> {
            PreparedStatement s = d.prepare("SELECT json FROM key_stores WHERE tenant = ? AND id > ? ORDER BY id LIMIT ?");
            s.setString(1, tenant);
            s.setString(2, after.orElse(""));
            s.setInt(3, page.limit() + 1);
            List<KeyStoreRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Json.read(rs.getString(1), KeyStoreRecord.class));
                }
            }
            return out;
        });
        return Rows.page(rows, page.limit(), r -> Cursors.encode(r.id()));
    }
}
