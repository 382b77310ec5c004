package io.keyledger.core.archive;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.ArchiveStore;
import io.keyledger.core.store.EventStore;
import io.keyledger.core.store.RetentionStore;
import io.keyledger.core.store.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A key's history read across both tiers: the events the store keeps and those whose accepting ledger
 * records moved to archived segments (each event is in its record's payload, with when it was received).
 * A key's re-projection after a late event, {@code history} and the reports see one history. The windowed
 * reads of the anomaly rules ({@link #recentEvents}) read the store only: they look at minutes to hours,
 * far inside the hot window.
 */
public final class TieredEvents implements EventStore {

    private final EventStore hot;
    private final ArchiveStore index;
    private final RetentionStore retention;
    private final SegmentCache segments;
    private final Clock clock;

    public TieredEvents(EventStore hot, ArchiveStore index, RetentionStore retention, TieredLedger ledger, Clock clock) {
        this.hot = Objects.requireNonNull(hot, "hot");
        this.index = Objects.requireNonNull(index, "index");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.segments = ledger.segments();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean insertEvent(StoredEvent event) {
        return hot.insertEvent(event);
    }

    @Override
    public List<StoredEvent> eventsForKey(String tenant, String keyId) {
        return acrossTiers(tenant, keyId, hot.eventsForKey(tenant, keyId), true);
    }

    /** What a key's record is folded from: as {@link #eventsForKey}, events past their expiry but not purged kept. */
    @Override
    public List<StoredEvent> eventsToFold(String tenant, String keyId) {
        return acrossTiers(tenant, keyId, hot.eventsToFold(tenant, keyId), false);
    }

    @Override
    public List<StoredEvent> eventsToFoldAfter(String tenant, String keyId, Instant after) {
        List<StoredEvent> all = acrossTiers(tenant, keyId, hot.eventsToFoldAfter(tenant, keyId, after), false);
        return all.stream().filter(e -> e.event().eventTime().isAfter(after)).toList();
    }

    private List<StoredEvent> acrossTiers(String tenant, String keyId, List<StoredEvent> stored, boolean visibleOnly) {
        List<ArchivedSegment> of = index.segmentsOfKey(tenant, keyId);
        if (of.isEmpty()) {
            return stored;
        }
        Map<String, StoredEvent> byId = new LinkedHashMap<>();
        ExpiryRules rules = new ExpiryRules(retention.retentionPolicy(tenant), retention.legalHolds(tenant));
        Instant now = clock.instant();
        for (ArchivedSegment s : of) {
            for (LedgerRecord r : segments.records(s)) {
                if (r.type() != LedgerEntryType.EVENT_ACCEPTED || !Optional.of(keyId).equals(r.keyId())) {
                    continue;
                }
                StoredEvent e = accepted(tenant, r);
                StoredEvent stamped = e.withExpiresAt(rules.forEvent(e));
                if (!visibleOnly || !stamped.expiredAt(now)) {
                    byId.put(e.event().dedupKey(), stamped);
                }
            }
        }
        stored.forEach(e -> byId.putIfAbsent(e.event().dedupKey(), e));
        List<StoredEvent> all = new ArrayList<>(byId.values());
        all.sort(StoredEvent.HISTORY_ORDER);
        return all;
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to) {
        return hot.recentEvents(tenant, from, to);
    }

    @Override
    public List<StoredEvent> recentEvents(String tenant, Instant from, Instant to, Set<Action> actions) {
        return hot.recentEvents(tenant, from, to, actions);
    }

    @Override
    public List<StoredEvent> recentEventsIfAtLeast(String tenant, Instant from, Instant to, Set<Action> actions,
                                                   int atLeast) {
        return hot.recentEventsIfAtLeast(tenant, from, to, actions, atLeast);
    }

    /** The event an {@code EVENT_ACCEPTED} record accepted, as it was stored. */
    static StoredEvent accepted(String tenant, LedgerRecord r) {
        JsonNode p = Json.mapper().readTree(r.payload());
        KeyEvent event = Json.mapper().treeToValue(p.path("event"), KeyEvent.class);
        return new StoredEvent(tenant, event, Instant.parse(p.path("receivedAt").asString()), Optional.empty());
    }
}
