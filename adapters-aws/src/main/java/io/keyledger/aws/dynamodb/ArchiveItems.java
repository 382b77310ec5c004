package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.s;
import static io.keyledger.aws.dynamodb.Keys.PK;
import static io.keyledger.aws.dynamodb.Keys.SK;

import io.keyledger.core.archive.ArchivedSegment;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.ArchiveStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The archive index: a tenant's segments in one partition (sort key {@code S#<first sequence>}), and in the
 * partition of each key with records in a segment an item {@code AR#<first sequence>}, so that a key's
 * history reads only its segments. Releasing a segment's copies deletes its ledger record items and the
 * history and day items of its events (their markers stay, marked archived).
 */
final class ArchiveItems implements ArchiveStore {

    private static final String TYPE = "type";
    private static final String BODY = "body";

    private final DynamoDbCalls calls;
    private final TenantItems tenants;
    private final LedgerItems ledger;
    private final EventItems events;

    ArchiveItems(DynamoDbCalls calls, TenantItems tenants, LedgerItems ledger, EventItems events) {
        this.calls = calls;
        this.tenants = tenants;
        this.ledger = ledger;
        this.events = events;
    }

    @Override
    public boolean putSegment(ArchivedSegment segment, Set<String> keyIds) {
        String tenant = tenants.writing(segment.tenant());
        Map<String, AttributeValue> item = Keys.item(Keys.archive(tenant), Keys.segment(segment.fromSequence()));
        item.put(TYPE, s("ARCHIVED_SEGMENT"));
        Attributes.putBody(item, BODY, Json.write(segment));
        PutItemRequest put = PutItemRequest.builder().item(item).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK)).build();
        if (!calls.putIf(put, "index the " + segment.describe())) {
            return false;
        }
        List<WriteRequest> writes = new ArrayList<>();
        for (String keyId : keyIds) {
            Map<String, AttributeValue> key = Keys.item(Keys.keyPartition(tenant, keyId),
                    Keys.archivedIn(segment.fromSequence()));
            key.put(TYPE, s("ARCHIVED_IN"));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(key).build()).build());
        }
        calls.batchWrite(writes, "index the keys of the " + segment.describe());
        return true;
    }

    @Override
    public List<ArchivedSegment> segments(String tenant) {
        QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.archive(tenant)))).consistentRead(true).build();
        return calls.queryAll(q, "read the archive index of " + tenant).stream().map(i -> decode(tenant, i)).toList();
    }

    @Override
    public List<ArchivedSegment> segmentsOfKey(String tenant, String keyId) {
        QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.keyPartition(tenant, keyId)),
                        ":prefix", s(Keys.ARCHIVED_IN_PREFIX))).consistentRead(true).build();
        List<Map<String, AttributeValue>> keys = calls.queryAll(q, "read the archived segments of " + keyId).stream()
                .map(i -> Keys.item(Keys.archive(tenant),
                        Keys.SEGMENT_PREFIX + Attributes.string(i, SK).substring(Keys.ARCHIVED_IN_PREFIX.length())))
                .toList();
        List<ArchivedSegment> out = new ArrayList<>(calls.batchGet(keys, "read the archived segments of " + keyId)
                .stream().map(i -> decode(tenant, i)).toList());
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
        DeleteItemRequest delete = DeleteItemRequest.builder()
                .key(Keys.item(Keys.archive(tenant), Keys.segment(fromSequence))).build();
        if (calls.delete(delete, "forget the archived segment from " + fromSequence + " of " + tenant).isEmpty()) {
            return false;
        }
        List<WriteRequest> writes = new ArrayList<>();
        for (String keyId : keyIds) {
            writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                    .key(Keys.item(Keys.keyPartition(tenant, keyId), Keys.archivedIn(fromSequence))).build()).build());
        }
        calls.batchWrite(writes, "forget the keys of a purged segment");
        events.forgetArchived(tenant, eventDedupKeys);
        return true;
    }

    private static ArchivedSegment decode(String tenant, Map<String, AttributeValue> item) {
        ItemRow row = ItemRow.of(tenant, "archive index item " + Attributes.describe(item), item);
        ArchivedSegment segment = row.json(BODY, ArchivedSegment.class);
        row.agrees(SK, row.text(SK), Keys.segment(segment.fromSequence()));
        row.agrees("tenant", tenant, segment.tenant());
        return segment;
    }
}
