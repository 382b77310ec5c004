package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.s;
import static io.keyledger.aws.dynamodb.Keys.PK;
import static io.keyledger.aws.dynamodb.Keys.SK;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.PurgedRuns;
import io.keyledger.core.store.RetentionStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Retention: a tenant's retention policy and legal holds (items in its settings partition), and the expiry
 * of the event, ledger and key record items, which it recomputes and purges through their own parts.
 */
final class RetentionItems implements RetentionStore {

    private static final String TYPE = "type";
    private static final String BODY = "body";

    private final DynamoDbCalls calls;
    private final TenantItems tenants;
    private final EventItems events;
    private final LedgerItems ledger;
    private final KeyRecordItems keyRecords;

    RetentionItems(DynamoDbCalls calls, TenantItems tenants, EventItems events, LedgerItems ledger,
                   KeyRecordItems keyRecords) {
        this.calls = calls;
        this.tenants = tenants;
        this.events = events;
        this.ledger = ledger;
        this.keyRecords = keyRecords;
    }

    @Override
    public RetentionPolicy retentionPolicy(String tenant) {
        return calls.get(Keys.item(Keys.settings(tenant), Keys.RETENTION), "read the retention policy of " + tenant)
                .map(item -> ItemRow.of(tenant, "retention policy", item).json(BODY, RetentionPolicy.class))
                .orElse(RetentionPolicy.DEFAULT);
    }

    @Override
    public void putRetentionPolicy(String tenant, RetentionPolicy policy) {
        tenants.writing(tenant);
        Objects.requireNonNull(policy, "policy");
        Map<String, AttributeValue> item = Keys.item(Keys.settings(tenant), Keys.RETENTION);
        item.put(TYPE, s("RETENTION_POLICY"));
        Attributes.putBody(item, BODY, Json.write(policy));
        calls.put(item, "write the retention policy of " + tenant);
    }

    @Override
    public List<LegalHold> legalHolds(String tenant) {
        QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.settings(tenant)), ":prefix", s(Keys.HOLD_PREFIX)))
                .consistentRead(true).build();
        return calls.queryAll(q, "read the legal holds of " + tenant).stream().map(item -> {
            ItemRow row = ItemRow.of(tenant, "legal hold " + Attributes.describe(item), item);
            LegalHold hold = row.json(BODY, LegalHold.class);
            row.agrees(SK, row.text(SK), holdKey(hold.keyId()));
            row.agrees("tenant", tenant, hold.tenant());
            return hold;
        }).toList();
    }

    @Override
    public void putLegalHold(LegalHold hold) {
        tenants.writing(hold.tenant());
        Map<String, AttributeValue> item = Keys.item(Keys.settings(hold.tenant()), holdKey(hold.keyId()));
        item.put(TYPE, s("LEGAL_HOLD"));
        Attributes.putBody(item, BODY, Json.write(hold));
        calls.put(item, "place a legal hold on " + hold.keyId().orElse("tenant " + hold.tenant()));
    }

    @Override
    public boolean removeLegalHold(String tenant, Optional<String> keyId) {
        DeleteItemRequest delete = DeleteItemRequest.builder().key(Keys.item(Keys.settings(tenant), holdKey(keyId))).build();
        return calls.delete(delete, "lift the legal hold on " + keyId.orElse("tenant " + tenant)).isPresent();
    }

    /** A tenant-wide hold has the bare prefix: no key id is empty. */
    private static String holdKey(Optional<String> keyId) {
        return Keys.HOLD_PREFIX + keyId.orElse("");
    }

    /**
     * Rewrites the expiry of the events (three items each) and ledger records in batches, and of key
     * records one conditional write each. Do not run it while a purge of the same tenant runs: a batch
     * rewrite of a record the purge just removed would bring it back.
     */
    @Override
    public void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules) {
        Objects.requireNonNull(rules, "rules");
        events.restamp(tenant, keyId, rules);
        ledger.restamp(tenant, keyId, rules);
        keyRecords.restamp(tenant, keyId, rules);
    }

    @Override
    public PurgeResult purgeExpired(String tenant, Instant now, ExpiryRules rules) {
        Objects.requireNonNull(rules, "rules");
        int purgedEvents = events.purge(tenant, now, rules);
        List<LedgerRecord> removed = ledger.purge(tenant, now, rules);
        int assets = keyRecords.purge(tenant, now, rules);
        return new PurgeResult(purgedEvents, removed.size(), assets, PurgedRuns.of(removed));
    }
}
