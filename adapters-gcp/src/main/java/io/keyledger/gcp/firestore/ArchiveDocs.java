package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.ArchiveStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The archive index: a tenant's segments in {@code archive} (named by their first sequence), and in
 * {@code archivedIn} a document per key with records in a segment, so that a key's history reads only its
 * segments. Releasing a segment's copies deletes its ledger record documents, and turns the documents of its
 * events into markers that keep only the idempotency key.
 */
final class ArchiveDocs implements ArchiveStore {

    private static final String KEY_ID = "keyId";
    private static final String FROM_SEQUENCE = "fromSequence";
    private static final String BODY = "body";

    private final FirestoreCalls calls;
    private final Layout layout;
    private final TenantDocs tenants;
    private final LedgerDocs ledger;
    private final EventDocs events;

    ArchiveDocs(FirestoreCalls calls, TenantDocs tenants, LedgerDocs ledger, EventDocs events) {
        this.calls = calls;
        this.layout = calls.layout();
        this.tenants = tenants;
        this.ledger = ledger;
        this.events = events;
    }

    @Override
    public boolean putSegment(ArchivedSegment segment, Set<String> keyIds) {
        String tenant = tenants.writing(segment.tenant());
        Map<String, Object> fields = new HashMap<>();
        fields.put(FROM_SEQUENCE, segment.fromSequence());
        Fields.putBody(fields, BODY, Json.write(segment));
        if (!calls.commit(Writes.of().create(layout.segment(tenant, segment.fromSequence()), fields),
                "index the " + segment.describe())) {
            return false;
        }
        Writes keys = Writes.of();
        for (String keyId : keyIds) {
            keys.set(layout.archivedIn(tenant, keyId, segment.fromSequence()),
                    Map.of(KEY_ID, keyId, FROM_SEQUENCE, segment.fromSequence()));
        }
        calls.commitAll(keys.list(), "index the keys of the " + segment.describe());
        return true;
    }

    @Override
    public List<ArchivedSegment> segments(String tenant) {
        return calls.all(layout.collection(tenant, Layout.ARCHIVE), FROM_SEQUENCE,
                        d -> Fields.number(d, FROM_SEQUENCE), "read the archive index of " + tenant).stream()
                .map(d -> decode(tenant, d)).toList();
    }

    @Override
    public List<ArchivedSegment> segmentsOfKey(String tenant, String keyId) {
        String what = "read the archived segments of " + keyId;
        List<DocumentReference> refs = calls.query(layout.collection(tenant, Layout.ARCHIVED_IN)
                        .whereEqualTo(KEY_ID, keyId), what).stream()
                .map(d -> layout.segment(tenant, Fields.number(d, FROM_SEQUENCE))).toList();
        if (refs.isEmpty()) {
            return List.of();
        }
        List<ArchivedSegment> out = new ArrayList<>(calls.getAll(refs, what).stream().map(d -> decode(tenant, d))
                .toList());
        out.sort(Comparator.comparingLong(ArchivedSegment::fromSequence));
        return out;
    }

    @Override
    public void releaseArchived(String tenant, List<Long> ledgerSequences, List<String> eventDedupKeys) {
        ledger.release(tenant, ledgerSequences);
        events.release(tenant, eventDedupKeys);
    }

    @Override
    public Set<String> archivedEvents(String tenant, List<String> eventDedupKeys) {
        return events.archived(tenant, eventDedupKeys);
    }

    /** Reads, then deletes: of two forgetting the same segment at once, both may say they forgot it, and it is gone. */
    @Override
    public boolean removeSegment(String tenant, long fromSequence, Set<String> keyIds, List<String> eventDedupKeys) {
        String what = "forget the archived segment from " + fromSequence + " of " + tenant;
        DocumentReference ref = layout.segment(tenant, fromSequence);
        if (calls.get(ref, what).isEmpty()) {
            return false;
        }
        Writes deletes = Writes.of().delete(ref);
        keyIds.forEach(keyId -> deletes.delete(layout.archivedIn(tenant, keyId, fromSequence)));
        calls.commitAll(deletes.list(), what);
        events.forgetArchived(tenant, eventDedupKeys);
        return true;
    }

    /** The segment an index document holds; its tenant and first sequence must be those its path says. */
    private static ArchivedSegment decode(String tenant, DocumentSnapshot doc) {
        ArchivedSegment segment = Json.read(Fields.body(doc, BODY), ArchivedSegment.class);
        if (!segment.tenant().equals(tenant) || !doc.getId().equals(Fields.sequenceKey(segment.fromSequence()))) {
            throw new IllegalStateException("stored document " + doc.getReference().getPath() + " holds the "
                    + segment.describe() + ", not what its path says");
        }
        return segment;
    }
}
