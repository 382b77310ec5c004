package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.store.CheckpointStore;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's ledger checkpoints: one document each in {@code checkpoints}, named by the sequence it covers and
 * created on the condition that it does not exist. They carry no expiry.
 */
final class CheckpointDocs implements CheckpointStore {

    private static final String SEQUENCE = "sequence";
    private static final String BODY = "body";

    private final FirestoreCalls calls;
    private final Layout layout;
    private final TenantDocs tenants;

    CheckpointDocs(FirestoreCalls calls, TenantDocs tenants) {
        this.calls = calls;
        this.layout = calls.layout();
        this.tenants = tenants;
    }

    @Override
    public boolean putCheckpoint(Checkpoint checkpoint) {
        String tenant = tenants.writing(checkpoint.tenant());
        Map<String, Object> fields = new HashMap<>();
        fields.put(SEQUENCE, checkpoint.sequence());
        Fields.putBody(fields, BODY, Json.write(checkpoint));
        return calls.commit(Writes.of().create(layout.checkpoint(tenant, checkpoint.sequence()), fields),
                "keep the checkpoint of record " + checkpoint.sequence() + " of tenant " + tenant);
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint(String tenant) {
        Query q = layout.collection(tenant, Layout.CHECKPOINTS).orderBy(SEQUENCE, Query.Direction.DESCENDING).limit(1);
        List<? extends DocumentSnapshot> docs = calls.query(q, "read the latest checkpoint of " + tenant);
        return docs.isEmpty() ? Optional.empty() : Optional.of(decode(tenant, docs.get(0)));
    }

    @Override
    public Page<Checkpoint> checkpoints(String tenant, PageRequest page) {
        long after = page.cursor().map(Cursors::decodeSequence).orElse(0L);
        Query q = layout.collection(tenant, Layout.CHECKPOINTS).whereGreaterThan(SEQUENCE, after).orderBy(SEQUENCE)
                .limit(page.limit() + 1);
        List<Checkpoint> out = new ArrayList<>();
        calls.query(q, "read the checkpoints of " + tenant).forEach(doc -> out.add(decode(tenant, doc)));
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<Checkpoint> shown = out.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).sequence())));
    }

    /** The checkpoint a document holds; its tenant and sequence must be those its path says. */
    private static Checkpoint decode(String tenant, DocumentSnapshot doc) {
        Checkpoint c = Json.read(Fields.body(doc, BODY), Checkpoint.class);
        if (!c.tenant().equals(tenant) || !doc.getId().equals(Fields.sequenceKey(c.sequence()))) {
            throw new IllegalStateException("stored document " + doc.getReference().getPath()
                    + " holds the checkpoint of record " + c.sequence() + " of tenant " + c.tenant()
                    + ", not what its path says");
        }
        return c;
    }
}
