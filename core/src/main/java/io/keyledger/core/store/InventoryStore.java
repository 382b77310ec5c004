package io.keyledger.core.store;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the inventory lives: the composition of the feature ports (key records, key store records, usage
 * rollups, events, ledger, checkpoints, alerts, sweep reports, retention, archive index), plus what spans them.
 * Every call takes the tenant: no call reads or changes another tenant's data, whatever ids it is given.
 * Records whose expiry has passed are invisible to every read (but the ledger read for verification) and
 * removed by {@link #purgeExpired} when the rules it is given let them go; records without expiry (under
 * legal hold) are never removed.
 *
 * <p>All implementations pass the one contract suite {@code InventoryStoreContract} (in the testkit), which
 * runs each port's slice of it. Correctness never needs a multi-item transaction: events are the source of
 * truth, the asset is a projection written with a conditional write, and the ledger append is conditional
 * on its sequence. To change one port of a store (a fault, a timer, a counter), compose it anew with
 * {@link StoreParts}.
 */
public interface InventoryStore extends KeyRecordStore, KeyStoreRecordStore, UsageStore, EventStore, LedgerStore,
        CheckpointStore, AlertStore, SweepReportStore, RetentionStore, ArchiveStore, AutoCloseable {

    /**
     * Runs {@code work} as one unit of work where the store has one (the embedded SQLite store: one
     * transaction), to save a round trip per call; elsewhere it just runs it. Every call inside keeps
     * its own semantics. If {@code work} throws, a store with units of work keeps none of it, so the
     * caller must not acknowledge anything done inside.
     */
    default <T> T inUnitOfWork(Supplier<T> work) {
        return work.get();
    }

    /**
     * The tenant's key records matching the query, each with its usage rollup, in key id order, one page at a
     * time: what readers present ({@link KeysWithUsage}). A store that can read both at once overrides this.
     */
    default Page<KeyWithUsage> assetsWithUsage(String tenant, AssetQuery query, PageRequest page) {
        Page<CryptoAsset> records = assets(tenant, query, page);
        Map<String, UsageContext> rollups = records.items().isEmpty() ? Map.of()
                : usages(tenant, records.items().stream().map(CryptoAsset::id).toList());
        return new Page<>(records.items().stream()
                .map(r -> new KeyWithUsage(r, Optional.ofNullable(rollups.get(r.id())))).toList(),
                records.nextCursor());
    }

    /** Every tenant that has data in the store. */
    Set<String> tenants();

    @Override
    default void close() {
    }
}
