package io.keyledger.local.sqlite;

import io.keyledger.core.feed.PartnerKey;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.PartnerKeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The partner-held keys of a {@link SqliteInventoryStore}: table {@code partner_keys}, apart from the
 * tenant's own key records. A partner's newest feed replaces its rows in one transaction.
 */
final class SqlitePartnerKeys implements PartnerKeyStore {

    private final Database db;

    SqlitePartnerKeys(Database db) {
        this.db = db;
    }

    @Override
    public void replacePartnerKeys(String tenant, String partner, List<PartnerKey> keys) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(partner, "partner");
        Set<String> ids = new HashSet<>();
        for (PartnerKey k : keys) {
            if (!k.partner().equals(partner)) {
                throw new IllegalArgumentException("key " + k.keyId() + " is partner " + k.partner() + "'s, not "
                        + partner + "'s");
            }
            if (!ids.add(k.keyId())) {
                throw new IllegalArgumentException("key " + k.keyId() + " is listed twice");
            }
        }
        db.inTransaction("replace a partner's keys", d -> {
            PreparedStatement delete = d.prepare("DELETE FROM partner_keys WHERE tenant = ? AND partner = ?");
            delete.setString(1, tenant);
            delete.setString(2, partner);
            delete.executeUpdate();
            PreparedStatement insert = d.prepare(
                    "INSERT INTO partner_keys (tenant, partner, key_id, json) VALUES (?, ?, ?, ?)");
            for (PartnerKey k : keys) {
                insert.setString(1, tenant);
                insert.setString(2, partner);
                insert.setString(3, k.keyId());
                insert.setString(4, Json.write(k));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Page<PartnerKey> partnerKeys(String tenant, Optional<String> partner, PageRequest page) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(partner, "partner");
        String[] after = page.cursor().map(Cursors::decode).map(c -> c.split("\n", 2)).orElse(new String[] {"", ""});
        if (after.length != 2) {
            throw new IllegalArgumentException("invalid page cursor '" + page.cursor().orElse("") + "'");
        }
        List<PartnerKey> rows = db.call("list partner-held keys", d -> {
            PreparedStatement s = d.prepare("SELECT json FROM partner_keys WHERE tenant = ?"
                    + (partner.isPresent() ? " AND partner = ?" : "")
                    + " AND (partner > ? OR (partner = ? AND key_id > ?)) ORDER BY partner, key_id LIMIT ?");
            int i = 1;
            s.setString(i++, tenant);
            if (partner.isPresent()) {
                s.setString(i++, partner.get());
            }
            s.setString(i++, after[0]);
            s.setString(i++, after[0]);
            s.setString(i++, after[1]);
            s.setInt(i, page.limit() + 1);
            List<PartnerKey> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Json.read(rs.getString(1), PartnerKey.class));
                }
            }
            return out;
        });
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<PartnerKey> items = rows.subList(0, page.limit());
        PartnerKey last = items.get(items.size() - 1);
        return new Page<>(List.copyOf(items), Optional.of(Cursors.encode(last.partner() + "\n" + last.keyId())));
    }
}
