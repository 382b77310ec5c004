package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.SetOptions;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.ledger.LedgerTamperContract;
import io.keyledger.testkit.ledger.StoreTamper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tamper suite on Firestore (the emulator), as someone holding the functions' {@code roles/datastore.user} would
 * tamper: sets, updates and deletes of the documents themselves, no precondition, no KeyLedger code.
 */
class FirestoreTamperTest extends LedgerTamperContract {

    @RegisterExtension
    static final LocalFirestore firestore = LocalFirestore.perClass();
    private Layout layout;

    @Override
    protected InventoryStore createStore(MutableClock clock, Path dir) {
        String root = LocalFirestore.newRoot();
        layout = new Layout(firestore.firestore(), root);
        return FirestoreInventoryStore.builder(firestore.firestore()).clock(clock).rootCollection(root).build();
    }

    @Override
    protected StoreTamper tamper() {
        return new DocumentTamper(firestore.firestore(), layout);
    }

    /** Raw document writes under the store's root collection. */
    static final class DocumentTamper implements StoreTamper {
        private final Firestore db;
        private final Layout layout;

        DocumentTamper(Firestore db, Layout layout) {
            this.db = db;
            this.layout = layout;
        }

        private static <T> T await(com.google.api.core.ApiFuture<T> future) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        private static void merge(DocumentReference doc, Map<String, Object> fields) {
            await(doc.set(fields, SetOptions.merge()));
        }

        private static Map<String, Object> expiry(Optional<Instant> expiry) {
            Map<String, Object> fields = new HashMap<>();
            Fields.putExpiry(fields, expiry, Duration.ZERO, "tampered document");
            return fields;
        }

        @Override
        public void writeLedgerRecord(LedgerRecord r) {
            Map<String, Object> fields = new HashMap<>();
            fields.put("sequence", r.sequence());
            fields.put("recordedAt", r.recordedAt().toString());
            fields.put("entryType", r.type().name());
            fields.put("keyId", r.keyId().orElse(null));
            Fields.putBody(fields, "payload", r.payload());
            fields.put("previousHash", r.previousHash());
            fields.put("hash", r.hash());
            fields.putAll(expiry(r.expiresAt()));
            await(layout.ledgerRecord(r.tenant(), r.sequence()).set(fields));
        }

        @Override
        public void deleteLedgerRecords(String tenant, long from, long to) {
            for (long s = from; s <= to; s++) {
                await(layout.ledgerRecord(tenant, s).delete());
            }
        }

        @Override
        public void setLedgerHead(String tenant, LedgerHead head) {
            deleteLedgerHead(tenant);
            Map<String, Object> fields = new HashMap<>();
            fields.put("sequence", head.sequence());
            fields.put("hash", head.hash());
            fields.put("followedBy", null);
            await(layout.ledgerHead(tenant, head.sequence()).set(fields));
        }

        /** The head is the greatest of the head markers: every one goes. */
        @Override
        public void deleteLedgerHead(String tenant) {
            for (QueryDocumentSnapshot marker : await(layout.collection(tenant, Layout.LEDGER_HEADS).get())) {
                await(marker.getReference().delete());
            }
        }

        @Override
        public void writeEvent(StoredEvent stored) {
            Map<String, Object> fields = new HashMap<>();
            fields.put("keyId", stored.keyId());
            fields.put("dedupKey", stored.event().dedupKey());
            fields.put("eventTime", Fields.timeKey(stored.event().eventTime(), "event time"));
            fields.put("receivedAt", stored.receivedAt().toString());
            fields.put("archived", null);
            Fields.putBody(fields, "body", Json.write(stored.event()));
            fields.putAll(expiry(stored.expiresAt()));
            await(layout.event(stored.tenant(), stored.event().dedupKey()).set(fields));
        }

        @Override
        public void deleteEvent(String tenant, String keyId, String dedupKey) {
            await(layout.event(tenant, dedupKey).delete());
        }

        @Override
        public void writeAsset(String tenant, CryptoAsset asset) {
            Map<String, Object> fields = new HashMap<>();
            fields.put("state", asset.state().name());
            Fields.putBody(fields, "body", Json.write(asset));
            merge(layout.key(tenant, asset.id()), fields);
        }

        @Override
        public void deleteLegalHold(String tenant, Optional<String> keyId) {
            await(layout.legalHold(tenant, keyId).delete());
        }

        @Override
        public void setLedgerExpiry(String tenant, long sequence, Optional<Instant> expiry) {
            merge(layout.ledgerRecord(tenant, sequence), expiry(expiry));
        }

        @Override
        public void setEventExpiry(String tenant, String keyId, String dedupKey, Optional<Instant> expiry) {
            merge(layout.event(tenant, dedupKey), expiry(expiry));
        }

        @Override
        public void corruptRecordedAt(String tenant, long sequence, String text) {
            merge(layout.ledgerRecord(tenant, sequence), Map.of("recordedAt", text));
        }

        @Override
        public void corruptEventExpiry(String tenant, String keyId, String dedupKey, String text) {
            merge(layout.event(tenant, dedupKey), Map.of(Fields.EXPIRY, text));
        }
    }
}
