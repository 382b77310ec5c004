package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import io.keyledger.core.json.Json;
import io.keyledger.core.keystore.KeyStoreRecord;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.KeyStoreRecordStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key store and HSM records, one document each in the tenant's {@code keyStores}. A write creates the marker
 * of the revision it makes in {@code keyStoreRevisions} in the same commit (an insert creates the record
 * itself), so of two writers of one revision only one succeeds. They never expire (see
 * {@link KeyStoreRecordStore}); a tenant has few, so a listing reads them all and pages in Java's id order.
 */
final class KeyStoreDocs implements KeyStoreRecordStore {

    static final String KEY_STORE_ID = "keyStoreId";
    private static final String REVISION = "revision";
    private static final String BODY = "body";

    private final FirestoreCalls calls;
    private final Layout layout;
    private final TenantDocs tenants;

    KeyStoreDocs(FirestoreCalls calls, TenantDocs tenants) {
        this.calls = calls;
        this.layout = calls.layout();
        this.tenants = tenants;
    }

    @Override
    public Optional<Versioned<KeyStoreRecord>> keyStore(String tenant, String keyStoreId) {
        return calls.get(layout.keyStore(tenant, keyStoreId), "read the key store record " + keyStoreId)
                .map(doc -> new Versioned<>(decode(doc), Fields.number(doc, REVISION)));
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
        long next = expectedRevision + 1;
        DocumentReference ref = layout.keyStore(tenant, record.id());
        Map<String, Object> fields = new HashMap<>();
        fields.put(KEY_STORE_ID, record.id());
        fields.put(REVISION, next);
        Fields.putBody(fields, BODY, Json.write(record));
        Writes writes = Writes.of();
        if (expectedRevision == 0) {
            writes.create(ref, fields);
        } else {
            long stored = keyStore(tenant, record.id()).map(Versioned::revision).orElse(0L);
            if (stored != expectedRevision) {
                throw stale(record.id(), stored, expectedRevision);
            }
            writes.create(layout.keyStoreRevision(tenant, record.id(), next), Map.of(KEY_STORE_ID, record.id()))
                    .set(ref, fields);
        }
        if (!calls.commit(writes, what)) {
            throw stale(record.id(), keyStore(tenant, record.id()).map(Versioned::revision).orElse(0L), expectedRevision);
        }
        return next;
    }

    private static StaleRevisionException stale(String id, long stored, long expected) {
        return new StaleRevisionException("key store " + id + " is at revision " + stored + ", not " + expected);
    }

    @Override
    public Page<KeyStoreRecord> keyStores(String tenant, PageRequest page) {
        Optional<String> after = page.cursor().map(Cursors::decode);
        List<KeyStoreRecord> all = new ArrayList<>();
        calls.query(layout.collection(tenant, Layout.KEY_STORES), "list the key stores of " + tenant)
                .forEach(doc -> all.add(decode(doc)));
        all.sort(Comparator.comparing(KeyStoreRecord::id));
        List<KeyStoreRecord> out = all.stream().filter(r -> after.map(a -> r.id().compareTo(a) > 0).orElse(true))
                .limit(page.limit() + 1L).toList();
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<KeyStoreRecord> shown = out.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).id())));
    }

    private static KeyStoreRecord decode(DocumentSnapshot doc) {
        return Json.read(Fields.body(doc, BODY), KeyStoreRecord.class);
    }
}
