package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.s;

import io.keyledger.core.tenant.TenantIds;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The item in a tenant's settings partition that lists the tenant in the byState index. Every part that
 * writes a tenant's data has it listed first ({@link #writing}), so that {@link #tenants} finds it.
 */
final class TenantItems {

    private static final String TYPE = "type";

    private final DynamoDbCalls calls;
    /** Tenants this store has listed already: listing again is idempotent but costs a write. */
    private final Set<String> listed = ConcurrentHashMap.newKeySet();

    TenantItems(DynamoDbCalls calls) {
        this.calls = calls;
    }

    /** A tenant about to get data: listed for {@link #tenants()} first. */
    String writing(String tenant) {
        list(TenantIds.requireValid(tenant));
        return tenant;
    }

    /** Lists the tenant (once per store) before its first write, so that {@link #tenants} finds it. */
    private void list(String tenant) {
        if (listed.contains(tenant)) {
            return;
        }
        Map<String, AttributeValue> item = Keys.item(Keys.settings(tenant), Keys.TENANT);
        item.put(TYPE, s("TENANT"));
        Keys.indexKey(item, DynamoDbTableSchema.BY_STATE, Keys.TENANTS, tenant);
        calls.put(item, "list the tenant " + tenant);
        listed.add(tenant);
    }

    Set<String> tenants() {
        DynamoDbTableSchema.Index index = DynamoDbTableSchema.BY_STATE;
        QueryRequest q = QueryRequest.builder().indexName(index.name()).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", index.partitionKey()))
                .expressionAttributeValues(Map.of(":pk", s(Keys.TENANTS))).build();
        Set<String> out = new TreeSet<>();
        calls.queryAll(q, "list tenants").forEach(item -> out.add(Attributes.string(item, index.sortKey())));
        return out;
    }
}
