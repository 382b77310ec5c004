package io.keyledger.core.store;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Key records as readers present them: each with its usage rollup merged in. A record keeps only what of its
 * usage is news to the ledger (services, AI use, the dormancy period of the last use); the rollup keeps the
 * rest (the last use's hour, principal and operation, and the resources the uses name), which changes with
 * uses without a record change or a ledger record. Writers read the stores directly; readers read here.
 *
 * <p>A key whose record and rollup are the ones read last time is handed out as the same object, so that
 * whatever a reader keeps of a record it presented (the API's rendered JSON) is found again at once.
 */
public final class KeysWithUsage {

    /** Two pages of the largest size. */
    static final int CAPACITY = 2 * PageRequest.MAX_LIMIT;

    private record Id(String tenant, String keyId) {
    }

    private record Merged(CryptoAsset record, UsageContext rollup, CryptoAsset presented) {
    }

    private final InventoryStore store;
    private final LastSeen<Id, Merged> known = new LastSeen<>(CAPACITY);

    public KeysWithUsage(InventoryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The key's record with its usage, unless absent or expired. */
    public Optional<CryptoAsset> key(String tenant, String keyId) {
        return store.asset(tenant, keyId).map(v -> presented(v.value(), store.usage(tenant, keyId)));
    }

    /** The tenant's key records matching the query, each with its usage, in key id order, one page at a time. */
    public Page<CryptoAsset> keys(String tenant, AssetQuery query, PageRequest page) {
        Page<KeyWithUsage> read = store.assetsWithUsage(tenant, query, page);
        List<CryptoAsset> out = new ArrayList<>(read.items().size());
        for (KeyWithUsage k : read.items()) {
            out.add(presented(k.record(), k.usage()));
        }
        return new Page<>(out, read.nextCursor());
    }

    /** A record with its rollup merged in (the record itself when the rollup adds nothing to it). */
    private static CryptoAsset merged(CryptoAsset record, Optional<UsageContext> rollup) {
        if (rollup.isEmpty()) {
            return record;
        }
        UsageContext usage = record.usageContext().merge(rollup.get());
        return usage == record.usageContext() ? record : record.toBuilder().usageContext(usage).build();
    }

    private CryptoAsset presented(CryptoAsset record, Optional<UsageContext> rollup) {
        if (rollup.isEmpty()) {
            return record;
        }
        Id id = new Id(record.tenant(), record.id());
        Merged last = known.get(id);
        if (last != null && last.record() == record && last.rollup().equals(rollup.get())) {
            return last.presented();
        }
        CryptoAsset presented = merged(record, rollup);
        known.put(id, new Merged(record, rollup.get(), presented));
        return presented;
    }
}
