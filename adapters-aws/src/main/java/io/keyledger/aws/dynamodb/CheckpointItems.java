package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.n;
import static io.keyledger.aws.dynamodb.Attributes.s;
import static io.keyledger.aws.dynamodb.Keys.PK;
import static io.keyledger.aws.dynamodb.Keys.SK;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.store.CheckpointStore;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A tenant's ledger checkpoints: one partition, sort key {@code C#<sequence>}, each put on the condition
 * that its sequence has none yet. They carry no expiry.
 */
final class CheckpointItems implements CheckpointStore {

    private static final String TYPE = "type";
    private static final String SEQUENCE = "sequence";
    private static final String BODY = "body";

    private final DynamoDbCalls calls;
    private final TenantItems tenants;

    CheckpointItems(DynamoDbCalls calls, TenantItems tenants) {
        this.calls = calls;
        this.tenants = tenants;
    }

    @Override
    public boolean putCheckpoint(Checkpoint checkpoint) {
        String tenant = tenants.writing(checkpoint.tenant());
        Map<String, AttributeValue> item = Keys.item(Keys.checkpoints(tenant), Keys.checkpoint(checkpoint.sequence()));
        item.put(TYPE, s("CHECKPOINT"));
        item.put(SEQUENCE, n(checkpoint.sequence()));
        Attributes.putBody(item, BODY, Json.write(checkpoint));
        PutItemRequest put = PutItemRequest.builder().item(item).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK)).build();
        return calls.putIf(put, "keep the checkpoint of record " + checkpoint.sequence() + " of tenant " + tenant);
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint(String tenant) {
        QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.checkpoints(tenant)))).scanIndexForward(false)
                .consistentRead(true).build();
        Iterator<Map<String, AttributeValue>> items = calls.query(q, 1, "read the latest checkpoint of " + tenant);
        return items.hasNext() ? Optional.of(decode(tenant, items.next())) : Optional.empty();
    }

    @Override
    public Page<Checkpoint> checkpoints(String tenant, PageRequest page) {
        long after = page.cursor().map(Cursors::decodeSequence).orElse(0L);
        QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk AND #sk > :after")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.checkpoints(tenant)), ":after", s(Keys.checkpoint(after))))
                .consistentRead(true).build();
        Iterator<Map<String, AttributeValue>> items = calls.query(q, page.limit() + 1, "read the checkpoints of " + tenant);
        List<Checkpoint> out = new ArrayList<>();
        while (out.size() <= page.limit() && items.hasNext()) {
            out.add(decode(tenant, items.next()));
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<Checkpoint> shown = out.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).sequence())));
    }

    private static Checkpoint decode(String tenant, Map<String, AttributeValue> item) {
        ItemRow row = ItemRow.of(tenant, "checkpoint " + Attributes.describe(item), item);
        Checkpoint c = row.json(BODY, Checkpoint.class);
        row.agrees(SK, row.text(SK), Keys.checkpoint(c.sequence()));
        row.agrees("tenant", tenant, c.tenant());
        return c;
    }
}
