package io.keyledger.bench.jq;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one {@code keyledger ingest} left in its SQLite database, read back through the store: each key's
 * state, the stored events, the ledger by entry type (and whether it verifies), the usage rollups and the
 * alerts. Read after the timed run, so none of it is in the figures.
 */
record IngestedInventory(Map<String, LifecycleState> stateByArn, long keyRecords, long storedEvents,
                         Map<LedgerEntryType, Long> ledgerByType, boolean ledgerIntact, long usageRollups,
                         long alerts) {

    static final String TENANT = "default";

    long ledgerRecords() {
        return ledgerByType.values().stream().mapToLong(Long::longValue).sum();
    }

    static IngestedInventory read(Path db, CloudTrailCorpus.Summary corpus) {
        try (InventoryStore store = SqliteInventoryStore.open(db, CoreServices.systemClock())) {
            Map<String, LifecycleState> states = new TreeMap<>();
            long records = 0;
            PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
            while (true) {
                Page<CryptoAsset> assets = store.assets(TENANT, AssetQuery.ALL, page);
                for (CryptoAsset a : assets.items()) {
                    states.put(a.ref().nativeId(), a.state());
                    records++;
                }
                if (assets.nextCursor().isEmpty()) {
                    break;
                }
                page = page.next(assets.nextCursor().get());
            }
            long events = 0;
            long rollups = 0;
            for (String arn : corpus.servicesByKey().keySet()) {
                String keyId = "aws:" + arn;
                events += store.eventsForKey(TENANT, keyId).size();
                if (store.usage(TENANT, keyId).isPresent()) {
                    rollups++;
                }
            }
            Map<LedgerEntryType, Long> byType = new EnumMap<>(LedgerEntryType.class);
            page = PageRequest.first(PageRequest.MAX_LIMIT);
            while (true) {
                Page<LedgerRecord> ledger = store.ledger(TENANT, 1, Optional.empty(), true, page);
                for (LedgerRecord r : ledger.items()) {
                    byType.merge(r.type(), 1L, Long::sum);
                }
                if (ledger.nextCursor().isEmpty()) {
                    break;
                }
                page = page.next(ledger.nextCursor().get());
            }
            boolean intact = new LedgerVerifier(store).verify(TENANT).intact();
            long alerts = 0;
            page = PageRequest.first(PageRequest.MAX_LIMIT);
            while (true) {
                Page<Alert> found = store.alerts(TENANT, Optional.empty(), page);
                alerts += found.items().size();
                if (found.nextCursor().isEmpty()) {
                    break;
                }
                page = page.next(found.nextCursor().get());
            }
            return new IngestedInventory(states, records, events, byType, intact, rollups, alerts);
        }
    }
}
