package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import io.keyledger.core.json.Json;
import io.keyledger.core.keystore.KeyStoreRecord;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.KeyStoreRecordStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Key store and HSM records, one entity each in the tenant's key store partition, sorted by key store id.
 * A write is conditional on the ETag of the revision it replaces (an insert on the entity's absence), so
 * two writers of one revision cannot both win. They never expire (see {@link KeyStoreRecordStore}).
 */
final class KeyStoreEntities implements KeyStoreRecordStore {

    private static final String REVISION = "revision";
    private static final String BODY = "body";

    private final TableCalls calls;
    private final TenantEntities tenants;

    KeyStoreEntities(TableCalls calls, TenantEntities tenants) {
        this.calls = calls;
        this.tenants = tenants;
    }

    @Override
    public Optional<Versioned<KeyStoreRecord>> keyStore(String tenant, String keyStoreId) {
        return read(tenant, keyStoreId).map(e -> new Versioned<>(decode(e), Entities.number(e, REVISION)));
    }

    private Optional<TableEntity> read(String tenant, String keyStoreId) {
        return calls.get(Keys.keyStores(tenant), KeyText.encode(keyStoreId), "read the key store record " + keyStoreId);
    }

    @Override
    public long putKeyStore(String tenant, KeyStoreRecord record, long expectedRevision) {
        if (!record.tenant().equals(tenant)) {
            throw new IllegalArgumentException("key store of tenant '" + record.tenant() + "' written as tenant '"
                    + tenant + "'");
        }
        if (expectedRevision < 0) {
            throw new IllegalArgumentException("expected revision must not be negative: " + expectedRevision);
        }
        tenants.writing(tenant);
        String what = "write the key store record " + record.id();
        TableEntity next = Entities.entity(Keys.keyStores(tenant), KeyText.encode(record.id()), "KEY_STORE");
        next.addProperty(REVISION, expectedRevision + 1);
        Entities.putBody(next, BODY, Json.write(record));
        Optional<TableEntity> current = expectedRevision == 0 ? Optional.empty() : read(tenant, record.id());
        boolean written;
        if (expectedRevision == 0) {
            written = calls.insert(next, what).isPresent();
        } else {
            written = current.filter(c -> Entities.number(c, REVISION) == expectedRevision)
                    .flatMap(c -> calls.replaceIf(next, c.getETag(), what)).isPresent();
        }
        if (!written) {
            long stored = keyStore(tenant, record.id()).map(Versioned::revision).orElse(0L);
            throw new StaleRevisionException("key store " + record.id() + " is at revision " + stored + ", not "
                    + expectedRevision);
        }
        return expectedRevision + 1;
    }

    @Override
    public Page<KeyStoreRecord> keyStores(String tenant, PageRequest page) {
        String filter = "PartitionKey eq " + Keys.literal(Keys.keyStores(tenant))
                + page.cursor().map(c -> " and RowKey gt " + Keys.literal(KeyText.encode(Cursors.decode(c)))).orElse("");
        Iterator<TableEntity> entities = calls.query(filter, page.limit() + 1, "list the key stores of " + tenant);
        List<KeyStoreRecord> out = new ArrayList<>();
        while (out.size() <= page.limit() && entities.hasNext()) {
            out.add(decode(entities.next()));
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<KeyStoreRecord> shown = out.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).id())));
    }

    private static KeyStoreRecord decode(TableEntity e) {
        return Json.read(Entities.body(e, BODY), KeyStoreRecord.class);
    }
}
