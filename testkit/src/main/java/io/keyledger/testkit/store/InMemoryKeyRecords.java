package io.keyledger.testkit.store;

import static io.keyledger.testkit.store.InMemoryTenants.expired;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.KeyRecordStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;

/** The key records of an {@link InMemoryInventoryStore}. */
final class InMemoryKeyRecords implements KeyRecordStore {

    private final InMemoryTenants tenants;

    InMemoryKeyRecords(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
        synchronized (tenants) {
            Instant now = tenants.now();
            return tenants.existing(tenant).map(d -> d.assets.get(keyId)).filter(v -> !expired(v.value(), now));
        }
    }

    @Override
    public long putAsset(String tenant, CryptoAsset asset, long expectedRevision) {
        synchronized (tenants) {
            if (!asset.tenant().equals(tenant)) {
                throw new IllegalArgumentException("asset of tenant '" + asset.tenant() + "' written as tenant '"
                        + tenant + "'");
            }
            InMemoryTenants.Data d = tenants.data(tenant);
            Versioned<CryptoAsset> current = d.assets.get(asset.id());
            long currentRevision = current == null || expired(current.value(), tenants.now()) ? 0 : current.revision();
            if (currentRevision != expectedRevision) {
                throw new StaleRevisionException("key " + asset.id() + " is at revision " + currentRevision
                        + ", not " + expectedRevision);
            }
            d.assets.put(asset.id(), new Versioned<>(asset, currentRevision + 1));
            return currentRevision + 1;
        }
    }

    @Override
    public Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) {
        synchronized (tenants) {
            Optional<InMemoryTenants.Data> d = tenants.existing(tenant);
            if (d.isEmpty()) {
                return new Page<>(List.of(), Optional.empty());
            }
            Instant now = tenants.now();
            NavigableMap<String, Versioned<CryptoAsset>> range = page.cursor()
                    .map(c -> d.get().assets.tailMap(Cursors.decode(c), false)).orElse(d.get().assets);
            List<CryptoAsset> items = new ArrayList<>();
            for (Versioned<CryptoAsset> v : range.values()) {
                CryptoAsset a = v.value();
                if (expired(a, now) || !query.matches(a)) {
                    continue;
                }
                if (items.size() == page.limit()) {
                    return new Page<>(items, Optional.of(Cursors.encode(items.get(items.size() - 1).id())));
                }
                items.add(a);
            }
            return new Page<>(items, Optional.empty());
        }
    }
}
