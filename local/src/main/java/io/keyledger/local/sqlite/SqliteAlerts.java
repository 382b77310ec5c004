package io.keyledger.local.sqlite;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.alert.Alerts;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.AlertStore;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The alerts of a {@link SqliteInventoryStore}: table {@code alerts}. */
final class SqliteAlerts implements AlertStore {

    private final Database db;

    SqliteAlerts(Database db) {
        this.db = db;
    }

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
        return Rows.readJson(d, "SELECT json FROM alerts WHERE tenant = ? AND id = ?", tenant, alertId, Alert.class);
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
}
