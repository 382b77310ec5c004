package io.keyledger.testkit.store;

import io.keyledger.core.keystore.KeyStoreRecord;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.KeyStoreRecordStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;

/** The key store records of an {@link InMemoryInventoryStore}. */
final class InMemoryKeyStores implements KeyStoreRecordStore {

    private final InMemoryTenants tenants;

    InMemoryKeyStores(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public Optional<Versioned<KeyStoreRecord>> keyStore(String tenant, String keyStoreId) {
        synchronized (tenants) {
            return tenants.existing(tenant).map(d -> d.keyStores.get(keyStoreId));
        }
    }

    @Override
    public long putKeyStore(String tenant, KeyStoreRecord record, long expectedRevision) {
        synchronized (tenants) {
            if (!record.tenant().equals(tenant)) {
                throw new IllegalArgumentException("key store of tenant '" + record.tenant() + "' written as tenant '"
                        + tenant + "'");
            }
            InMemoryTenants.Data d = tenants.data(tenant);
            Versioned<KeyStoreRecord> current = d.keyStores.get(record.id());
            long currentRevision = current == null ? 0 : current.revision();
            if (currentRevision != expectedRevision) {
                throw new StaleRevisionException("key store " + record.id() + " is at revision " + currentRevision
                        + ", not " + expectedRevision);
            }
            d.keyStores.put(record.id(), new Versioned<>(record, currentRevision + 1));
            return currentRevision + 1;
        }
    }

    @Override
    public Page<KeyStoreRecord> keyStores(String tenant, PageRequest page) {
        synchronized (tenants) {
            Optional<InMemoryTenants.Data> d = tenants.existing(tenant);
            if (d.isEmpty()) {
                return new Page<>(List.of(), Optional.empty());
            }
            NavigableMap<String, Versioned<KeyStoreRecord>> range = page.cursor()
                    .map(c -> d.get().keyStores.tailMap(Cursors.decode(c), false)).orElse(d.get().keyStores);
            List<KeyStoreRecord> items = new ArrayList<>();
            for (Versioned<KeyStoreRecord> v : range.values()) {
                if (items.size() == page.limit()) {
                    return new Page<>(items, Optional.of(Cursors.encode(items.get(items.size() - 1).id())));
                }
                items.add(v.value());
            }
            return new Page<>(items, Optional.empty());
        }
    }
}
