package io.keyledger.testkit.store;

import io.keyledger.core.store.EventStore;
import io.keyledger.core.store.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The key events of an {@link InMemoryInventoryStore}. */
final class InMemoryEvents implements EventStore {

    private final InMemoryTenants tenants;

    InMemoryEvents(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public boolean insertEvent(StoredEvent event) {
        synchronized (tenants) {
            InMemoryTenants.Data d = tenants.data(event.tenant());
            String dedup = event.event().dedupKey();
            if (d.eventsByDedupKey.containsKey(dedup)) {
                return false;
            }
            d.eventsByDedupKey.put(dedup, event);
            d.eventsByKey.computeIfAbsent(event.keyId(), k -> new ArrayList<>()).add(event);
            return true;
        }
    }

    @Override
    public List<StoredEvent> eventsForKey(String tenant, String keyId) {
        synchronized (tenants) {
            Instant now = tenants.now();
            List<StoredEvent> out = new ArrayList<>();
            tenants.existing(tenant).map(d -> d.eventsByKey.getOrDefault(keyId, List.of())).orElse(List.of())
                    .forEach(e -> {
                        if (!e.expiredAt(now)) {
                            out.add(e);
                        }
                    });
            out.sort(StoredEvent.HISTORY_ORDER);
            return out;
        }
    }

    @Override
    public List<StoredEvent> eventsToFold(String tenant, String keyId) {
        synchronized (tenants) {
            List<StoredEvent> out = new ArrayList<>(tenants.existing(tenant)
                    .map(d -> d.eventsByKey.getOrDefault(keyId, List.of())).orElse(List.of()));
            out.sort(StoredEvent.HISTORY_ORDER);
            return out;
        }
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
        synchronized (tenants) {
            Instant now = tenants.now();
            List<StoredEvent> out = new ArrayList<>();
            tenants.existing(tenant).ifPresent(d -> d.eventsByDedupKey.values().forEach(e -> {
                Instant t = e.event().eventTime();
                if (!t.isBefore(from) && t.isBefore(to) && !e.expiredAt(now)) {
                    out.add(e);
                }
            }));
            out.sort(StoredEvent.HISTORY_ORDER);
            return out;
        }
    }
}
