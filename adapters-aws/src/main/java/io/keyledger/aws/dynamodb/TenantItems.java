package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.s;
import static io.keyledger.aws.dynamodb.Keys.PK;
import static io.keyledger.aws.dynamodb.Keys.SK;

import io.keyledger.core.json.Json;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A tenant's settings partition: retention policy, legal holds, and the item that lists the tenant in
 * the byState index.
 */
final class TenantItems {

    private static final String TYPE = "type";
    private static final String BODY = "body";

    private final DynamoDbCalls calls;
    /** Tenants this store has listed already: listing again is idempotent but costs a write. */
    private final Set<String> listed = ConcurrentHashMap.newKeySet();

    TenantItems(DynamoDbCalls calls) {
        this.calls = calls;
    }

    /** Lists the tenant (once per store) before its first write, so that {@link #tenants} finds it. */
    void list(String tenant) {
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

    // --- retention policy and legal holds ---

    RetentionPolicy retentionPolicy(String tenant) {
        return calls.get(Keys.item(Keys.settings(tenant), Keys.RETENTION), "read the retention policy of " + tenant)
                .map(item -> Json.read(Attributes.body(item, BODY), RetentionPolicy.class))
                .orElse(RetentionPolicy.DEFAULT);
    }

    void putRetentionPolicy(String tenant, RetentionPolicy policy) {
        Map<String, AttributeValue> item = Keys.item(Keys.settings(tenant), Keys.RETENTION);
        item.put(TYPE, s("RETENTION_POLICY"));
        Attributes.putBody(item, BODY, Json.write(policy));
        calls.put(item, "write the retention policy of " + tenant);
    }

    List<LegalHold> legalHolds(String tenant) {
        QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.settings(tenant)), ":prefix", s(Keys.HOLD_PREFIX)))
                .consistentRead(true).build();
        return calls.queryAll(q, "read the legal holds of " + tenant).stream()
                .map(item -> Json.read(Attributes.body(item, BODY), LegalHold.class)).toList();
    }

    void putLegalHold(LegalHold hold) {
        Map<String, AttributeValue> item = Keys.item(Keys.settings(hold.tenant()), holdKey(hold.keyId()));
        item.put(TYPE, s("LEGAL_HOLD"));
        Attributes.putBody(item, BODY, Json.write(hold));
        calls.put(item, "place a legal hold on " + hold.keyId().orElse("tenant " + hold.tenant()));
    }

    boolean removeLegalHold(String tenant, Optional<String> keyId) {
        DeleteItemRequest delete = DeleteItemRequest.builder().key(Keys.item(Keys.settings(tenant), holdKey(keyId))).build();
        return calls.delete(delete, "lift the legal hold on " + keyId.orElse("tenant " + tenant)).isPresent();
    }

    /** A tenant-wide hold has the bare prefix: no key id is empty. */
    private static String holdKey(Optional<String> keyId) {
        return Keys.HOLD_PREFIX + keyId.orElse("");
    }
}
