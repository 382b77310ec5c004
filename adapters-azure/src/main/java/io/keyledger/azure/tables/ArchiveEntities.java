package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.ArchiveStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The archive index: a tenant's segments in one partition (row key {@code S|<first sequence>}), and in the
 * partition of each key with records in a segment a row {@code AR|<first sequence>}, so that a key's history
 * reads only its segments. Releasing a segment's copies deletes its ledger record entities and the history and
 * day entities of its events (their markers stay, marked archived).
 */
final class ArchiveEntities implements ArchiveStore {

    private static final String KEY_ID = "keyId";
    private static final String FROM_SEQUENCE = "fromSequence";
    private static final String BODY = "body";

    private final TableCalls calls;
    private final TenantEntities tenants;
    private final LedgerEntities ledger;
    private final EventEntities events;

    ArchiveEntities(TableCalls calls, TenantEntities tenants, LedgerEntities ledger, EventEntities events) {
        this.calls = calls;
        this.tenants = tenants;
        this.ledger = ledger;
        this.events = events;
    }

    @Override
    public boolean putSegment(ArchivedSegment segment, Set<String> keyIds) {
        String tenant = tenants.writing(segment.tenant());
        TableEntity e = Entities.entity(Keys.archive(tenant), Keys.segment(segment.fromSequence()), "ARCHIVED_SEGMENT");
        e.addProperty(FROM_SEQUENCE, segment.fromSequence());
        Entities.putBody(e, BODY, Json.write(segment));
        if (calls.insert(e, "index the " + segment.describe()).isEmpty()) {
            return false;
        }
        List<TableTransactionAction> writes = new ArrayList<>();
        for (String keyId : keyIds) {
            TableEntity key = Entities.entity(Keys.keyPartition(tenant, keyId), Keys.archivedIn(segment.fromSequence()),
                    "ARCHIVED_IN");
            key.addProperty(KEY_ID, keyId);
            key.addProperty(FROM_SEQUENCE, segment.fromSequence());
            writes.add(new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, key));
        }
        calls.transactAll(writes, "index the keys of the " + segment.describe());
        return true;
    }

    @Override
    public List<ArchivedSegment> segments(String tenant) {
        String filter = "PartitionKey eq " + Keys.literal(Keys.archive(tenant)) + " and RowKey ge "
                + Keys.literal(Keys.SEGMENT_PREFIX) + " and RowKey lt "
                + Keys.literal(EventEntities.afterPrefix(Keys.SEGMENT_PREFIX));
        return calls.queryAll(filter, "read the archive index of " + tenant).stream().map(e -> decode(tenant, e))
                .toList();
    }

    @Override
    public List<ArchivedSegment> segmentsOfKey(String tenant, String keyId) {
        String filter = "PartitionKey eq " + Keys.literal(Keys.keyPartition(tenant, keyId)) + " and RowKey ge "
                + Keys.literal(Keys.ARCHIVED_IN_PREFIX) + " and RowKey lt "
                + Keys.literal(EventEntities.afterPrefix(Keys.ARCHIVED_IN_PREFIX));
        String what = "read the archived segments of " + keyId;
        List<ArchivedSegment> out = new ArrayList<>();
        for (TableEntity in : calls.queryAll(filter, what)) {
            Optional<TableEntity> segment = calls.get(Keys.archive(tenant),
                    Keys.segment(Entities.number(in, FROM_SEQUENCE)), what);
            segment.ifPresent(s -> out.add(decode(tenant, s)));
        }
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

    @Override
    public boolean removeSegment(String tenant, long fromSequence, Set<String> keyIds, List<String> eventDedupKeys) {
        String what = "forget the archived segment from " + fromSequence + " of " + tenant;
        // The service answers a delete of an absent entity as done: read first to tell "none" from "forgotten".
        Optional<TableEntity> segment = calls.get(Keys.archive(tenant), Keys.segment(fromSequence), what);
        if (segment.isEmpty() || !calls.delete(segment.get().getPartitionKey(), segment.get().getRowKey(),
                Optional.of(segment.get().getETag()), what)) {
            return false;
        }
        List<TableTransactionAction> deletes = new ArrayList<>();
        for (String keyId : keyIds) {
            deletes.add(new TableTransactionAction(TableTransactionActionType.DELETE,
                    new TableEntity(Keys.keyPartition(tenant, keyId), Keys.archivedIn(fromSequence))));
        }
        calls.transactAll(deletes, "forget the keys of a purged segment");
        events.forgetArchived(tenant, eventDedupKeys);
        return true;
    }

    /** The segment an index entity holds; its tenant and first sequence must be those its keys say. */
    private static ArchivedSegment decode(String tenant, TableEntity e) {
        ArchivedSegment segment = Json.read(Entities.body(e, BODY), ArchivedSegment.class);
        if (!segment.tenant().equals(tenant) || !e.getRowKey().equals(Keys.segment(segment.fromSequence()))) {
            throw new IllegalStateException("stored entity " + Entities.describe(e) + " holds the "
                    + segment.describe() + ", not what its keys say");
        }
        return segment;
    }
}
