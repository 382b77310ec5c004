package io.keyledger.testkit.store;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.Versioned;
import io.keyledger.core.sweep.SweepReport;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every tenant's data in an {@link InMemoryInventoryStore}, shared by its parts. This object is the
 * store's one lock: each part holds it for the whole of each call, and so do the methods here.
 */
final class InMemoryTenants {

    /** One tenant's records, of every part. */
    static final class Data {
        final NavigableMap<String, Versioned<CryptoAsset>> assets = new TreeMap<>();
        final NavigableMap<String, Versioned<io.keyledger.core.keystore.KeyStoreRecord>> keyStores = new TreeMap<>();
        final Map<String, UsageContext> usage = new HashMap<>();
        final NavigableMap<String, SweepReport> sweepReports = new TreeMap<>();
        final Map<String, StoredEvent> eventsByDedupKey = new HashMap<>();
        final Map<String, List<StoredEvent>> eventsByKey = new HashMap<>();
        final NavigableMap<Long, LedgerRecord> ledger = new TreeMap<>();
        /** The sequences of each key's ledger records, as the stores' key indexes hold them; removed ones are skipped. */
        final Map<String, NavigableSet<Long>> ledgerByKey = new HashMap<>();
        LedgerHead head = LedgerHead.EMPTY;
        final NavigableMap<Long, Checkpoint> checkpoints = new TreeMap<>();
        final NavigableMap<Long, ArchivedSegment> segments = new TreeMap<>();
        final Map<Long, Set<String>> segmentKeys = new HashMap<>();
        /** Events whose accepting records moved to the archive: still known as duplicates. */
        final Set<String> archivedEventIds = new HashSet<>();
        RetentionPolicy policy = RetentionPolicy.DEFAULT;
        final Map<Optional<String>, LegalHold> holds = new HashMap<>();
        final Map<String, Alert> alertsByDedupKey = new HashMap<>();
        final NavigableMap<String, Alert> alertsBySortKey = new TreeMap<>();
    }

    private final Clock clock;
    private final Map<String, Data> tenants = new HashMap<>();

    InMemoryTenants(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The tenant's data, made on its first write. */
    synchronized Data data(String tenant) {
        return tenants.computeIfAbsent(Objects.requireNonNull(tenant, "tenant"), t -> new Data());
    }

    /** The tenant's data, if it has any. */
    synchronized Optional<Data> existing(String tenant) {
        return Optional.ofNullable(tenants.get(tenant));
    }

    Instant now() {
        return clock.instant();
    }

    synchronized Set<String> names() {
        return new TreeSet<>(tenants.keySet());
    }

    static boolean expired(CryptoAsset a, Instant now) {
        return a.retainedUntil().isPresent() && !a.retainedUntil().get().isAfter(now);
    }
}
