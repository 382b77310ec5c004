package io.keyledger.testkit.store;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.alert.Alerts;
import io.keyledger.core.store.AlertStore;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/** The alerts of an {@link InMemoryInventoryStore}. */
final class InMemoryAlerts implements AlertStore {

    private final InMemoryTenants tenants;

    InMemoryAlerts(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public boolean insertAlert(Alert alert) {
        synchronized (tenants) {
            InMemoryTenants.Data d = tenants.data(alert.tenant());
            if (d.alertsByDedupKey.containsKey(alert.dedupKey())) {
                return false;
            }
            d.alertsByDedupKey.put(alert.dedupKey(), alert);
            d.alertsBySortKey.put(Alerts.sortKey(alert), alert);
            return true;
        }
    }

    @Override
    public Optional<Alert> alert(String tenant, String alertId) {
        synchronized (tenants) {
            return tenants.existing(tenant).flatMap(d -> d.alertsBySortKey.values().stream()
                    .filter(a -> a.id().equals(alertId)).findFirst());
        }
    }

    @Override
    public Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page) {
        synchronized (tenants) {
            Optional<InMemoryTenants.Data> d = tenants.existing(tenant);
            if (d.isEmpty()) {
                return new Page<>(List.of(), Optional.empty());
            }
            NavigableMap<String, Alert> range = page.cursor()
                    .map(c -> d.get().alertsBySortKey.tailMap(Cursors.decode(c), false))
                    .orElse(d.get().alertsBySortKey);
            List<Alert> items = new ArrayList<>();
            String last = null;
            for (Map.Entry<String, Alert> e : range.entrySet()) {
                if (status.isPresent() && e.getValue().status() != status.get()) {
                    continue;
                }
                if (items.size() == page.limit()) {
                    return new Page<>(items, Optional.of(Cursors.encode(last)));
                }
                items.add(e.getValue());
                last = e.getKey();
            }
            return new Page<>(items, Optional.empty());
        }
    }

    @Override
    public Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at) {
        synchronized (tenants) {
            Optional<Alert> current = alert(tenant, alertId).filter(a -> a.status() == AlertStatus.OPEN);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Alert acknowledged = current.get().acknowledged(by, at);
            InMemoryTenants.Data d = tenants.data(tenant);
            d.alertsByDedupKey.put(acknowledged.dedupKey(), acknowledged);
            d.alertsBySortKey.put(Alerts.sortKey(acknowledged), acknowledged);
            return Optional.of(acknowledged);
        }
    }
}
