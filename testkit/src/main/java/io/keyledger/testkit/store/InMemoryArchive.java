package io.keyledger.testkit.store;

import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.store.ArchiveStore;
import io.keyledger.core.store.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The archive index of an {@link InMemoryInventoryStore}, and the release of the copies a segment holds. */
final class InMemoryArchive implements ArchiveStore {

    private final InMemoryTenants tenants;

    InMemoryArchive(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public boolean putSegment(ArchivedSegment segment, Set<String> keyIds) {
        synchronized (tenants) {
            InMemoryTenants.Data d = tenants.data(segment.tenant());
            if (d.segments.putIfAbsent(segment.fromSequence(), segment) != null) {
                return false;
            }
            d.segmentKeys.put(segment.fromSequence(), Set.copyOf(keyIds));
            return true;
        }
    }

    @Override
    public List<ArchivedSegment> segments(String tenant) {
        synchronized (tenants) {
            return tenants.existing(tenant).map(d -> List.copyOf(d.segments.values())).orElse(List.of());
        }
    }

    @Override
    public List<ArchivedSegment> segmentsOfKey(String tenant, String keyId) {
        synchronized (tenants) {
            Optional<InMemoryTenants.Data> d = tenants.existing(tenant);
            return d.map(data -> data.segments.values().stream()
                    .filter(s -> data.segmentKeys.getOrDefault(s.fromSequence(), Set.of()).contains(keyId)).toList())
                    .orElse(List.of());
        }
    }

    @Override
    public void releaseArchived(String tenant, List<Long> ledgerSequences, List<String> eventDedupKeys) {
        synchronized (tenants) {
            InMemoryTenants.Data d = tenants.data(tenant);
            ledgerSequences.forEach(d.ledger::remove);
            for (String id : eventDedupKeys) {
                StoredEvent e = d.eventsByDedupKey.remove(id);
                if (e != null) {
                    List<StoredEvent> ofKey = d.eventsByKey.get(e.keyId());
                    ofKey.remove(e);
                    if (ofKey.isEmpty()) {
                        d.eventsByKey.remove(e.keyId());
                    }
                }
                d.archivedEventIds.add(id);
            }
        }
    }

    @Override
    public Set<String> archivedEvents(String tenant, List<String> eventDedupKeys) {
        synchronized (tenants) {
            Set<String> known = tenants.existing(tenant).map(d -> d.archivedEventIds).orElse(Set.of());
            return eventDedupKeys.stream().filter(known::contains).collect(Collectors.toSet());
        }
    }

    @Override
    public boolean removeSegment(String tenant, long fromSequence, Set<String> keyIds, List<String> eventDedupKeys) {
        synchronized (tenants) {
            Optional<InMemoryTenants.Data> d = tenants.existing(tenant);
            if (d.isEmpty() || d.get().segments.remove(fromSequence) == null) {
                return false;
            }
            d.get().segmentKeys.remove(fromSequence);
            eventDedupKeys.forEach(d.get().archivedEventIds::remove);
            return true;
        }
    }
}
