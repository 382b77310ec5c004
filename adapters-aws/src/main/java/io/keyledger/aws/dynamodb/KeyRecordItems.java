package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.EXPIRY;
import static io.keyledger.aws.dynamodb.Attributes.n;
import static io.keyledger.aws.dynamodb.Attributes.s;
import static io.keyledger.aws.dynamodb.Keys.PK;
import static io.keyledger.aws.dynamodb.Keys.SK;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.KeyRecordStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.UsageStore;
import io.keyledger.core.store.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Key records (one item per key in the tenant's key-record partition, sorted by key id, indexed by
 * state, provider and owner) and usage rollups (one item in the key's own partition). Both are
 * written with a condition on the revision read, so a concurrent writer's change is never lost.
 */
final class KeyRecordItems implements KeyRecordStore, UsageStore {

    private static final String TYPE = "type";
    private static final String KEY_ID = "keyId";
    private static final String REVISION = "revision";
    private static final String BODY = "body";
    private static final int MAX_MERGE_ATTEMPTS = 100;

    private final DynamoDbCalls calls;
    private final TenantItems tenants;
    private final Clock clock;

    KeyRecordItems(DynamoDbCalls calls, TenantItems tenants, Clock clock) {
        this.calls = calls;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Override
    public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
        Instant now = clock.instant();
        return calls.get(Keys.item(Keys.keyRecords(tenant), keyId), "read the key record " + keyId)
                .filter(item -> !Attributes.expired(item, now))
                .map(item -> new Versioned<>(decode(tenant, item), ItemRow.of(tenant, "key record " + keyId, item)
                        .number(REVISION)));
    }

    @Override
    public long putAsset(String tenant, CryptoAsset asset, long expectedRevision) {
        if (!asset.tenant().equals(tenant)) {
            throw new IllegalArgumentException("asset of tenant '" + asset.tenant() + "' written as tenant '" + tenant + "'");
        }
        tenants.writing(tenant);
        if (expectedRevision < 0) {
            throw new IllegalArgumentException("expected revision must not be negative: " + expectedRevision);
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", Attributes.exact(clock.instant()));
        String condition;
        if (expectedRevision == 0) {
            // An expired record counts as absent: the write replaces it and starts again at revision 1.
            condition = "attribute_not_exists(#pk) OR #expiry <= :now";
        } else {
            condition = "#revision = :expected AND (attribute_not_exists(#expiry) OR #expiry > :now)";
            values.put(":expected", n(expectedRevision));
        }
        Map<String, String> names = new HashMap<>(Map.of("#expiry", EXPIRY));
        if (expectedRevision == 0) {
            names.put("#pk", PK);
        } else {
            names.put("#revision", REVISION);
        }
        PutItemRequest request = PutItemRequest.builder().item(encode(tenant, asset, expectedRevision + 1))
                .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values).build();
        if (!calls.putIf(request, "write the key record " + asset.id())) {
            long current = asset(tenant, asset.id()).map(Versioned::revision).orElse(0L);
            throw new StaleRevisionException("key " + asset.id() + " is at revision " + current + ", not " + expectedRevision);
        }
        return expectedRevision + 1;
    }

    static Map<String, AttributeValue> encode(String tenant, CryptoAsset asset, long revision) {
        Map<String, AttributeValue> item = Keys.item(Keys.keyRecords(tenant), asset.id());
        item.put(TYPE, s("KEY_RECORD"));
        item.put(KEY_ID, s(asset.id()));
        item.put(REVISION, n(revision));
        Attributes.putBody(item, BODY, Json.write(asset));
        Attributes.putExpiry(item, asset.retainedUntil(), Duration.ZERO);
        Keys.indexKey(item, DynamoDbTableSchema.BY_STATE, Keys.byState(tenant, asset.state()), asset.id());
        Keys.indexKey(item, DynamoDbTableSchema.BY_PROVIDER, Keys.byProvider(tenant, asset.provider()), asset.id());
        asset.owner().ifPresent(o -> Keys.indexKey(item, DynamoDbTableSchema.BY_OWNER, Keys.byOwner(tenant, o), asset.id()));
        return item;
    }

    /**
     * Reads a key record item back: its key, its index keys (which listings filter by) and its expiry must
     * agree with the record, so that a listing cannot be made to lie by an index key changed by hand.
     *
     * @throws io.keyledger.core.store.UnreadableRecordException naming the key and the attribute at fault
     */
    private static CryptoAsset decode(String tenant, Map<String, AttributeValue> item) {
        ItemRow row = ItemRow.of(tenant, "key record " + Attributes.optionalString(item, SK).orElse("?"), item);
        CryptoAsset a = row.json(BODY, CryptoAsset.class);
        row.agrees(SK, row.text(SK), a.id());
        row.agrees(KEY_ID, row.text(KEY_ID), a.id());
        row.agrees("tenant", tenant, a.tenant());
        row.indexKey(DynamoDbTableSchema.BY_STATE, Optional.of(Keys.byState(tenant, a.state())), Optional.of(a.id()));
        row.indexKey(DynamoDbTableSchema.BY_PROVIDER, Optional.of(Keys.byProvider(tenant, a.provider())),
                Optional.of(a.id()));
        row.indexKey(DynamoDbTableSchema.BY_OWNER, a.owner().map(o -> Keys.byOwner(tenant, o)),
                a.owner().map(o -> a.id()));
        row.agrees(EXPIRY, row.expiry(Duration.ZERO), a.retainedUntil());
        return a;
    }

    /**
     * One page of matching records in key id order. State, provider and owner are served by an index
     * when given (owner first: the most selective); the other filters are applied to the records read,
     * and reading goes on, in growing pages, until the page is full.
     */
    @Override
    public Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) {
        Optional<String> after = page.cursor().map(Cursors::decode);
        QueryRequest.Builder request = QueryRequest.builder();
        if (query.owner().isPresent()) {
            indexQuery(request, DynamoDbTableSchema.BY_OWNER, Keys.byOwner(tenant, query.owner().get()), after);
        } else if (query.state().isPresent()) {
            indexQuery(request, DynamoDbTableSchema.BY_STATE, Keys.byState(tenant, query.state().get()), after);
        } else if (query.provider().isPresent()) {
            indexQuery(request, DynamoDbTableSchema.BY_PROVIDER, Keys.byProvider(tenant, query.provider().get()), after);
        } else {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(Keys.keyRecords(tenant))));
            after.ifPresent(a -> values.put(":after", s(a)));
            request.keyConditionExpression(after.isPresent() ? "#pk = :pk AND #sk > :after" : "#pk = :pk")
                    .expressionAttributeNames(after.isPresent() ? Map.of("#pk", PK, "#sk", SK) : Map.of("#pk", PK))
                    .expressionAttributeValues(values).consistentRead(true);
        }
        Instant now = clock.instant();
        Iterator<Map<String, AttributeValue>> items = calls.query(request.build(), page.limit() + 1, "list key records");
        List<CryptoAsset> matching = new ArrayList<>();
        while (matching.size() <= page.limit() && items.hasNext()) {
            Map<String, AttributeValue> item = items.next();
            if (Attributes.expired(item, now)) {
                continue;
            }
            CryptoAsset a = decode(tenant, item);
            if (query.matches(a)) {
                matching.add(a);
            }
        }
        if (matching.size() <= page.limit()) {
            return new Page<>(matching, Optional.empty());
        }
        List<CryptoAsset> shown = matching.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).id())));
    }

    private static void indexQuery(QueryRequest.Builder request, DynamoDbTableSchema.Index index, String partition,
                                   Optional<String> after) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(partition)));
        after.ifPresent(a -> values.put(":after", s(a)));
        request.indexName(index.name())
                .keyConditionExpression(after.isPresent() ? "#pk = :pk AND #sk > :after" : "#pk = :pk")
                .expressionAttributeNames(after.isPresent()
                        ? Map.of("#pk", index.partitionKey(), "#sk", index.sortKey()) : Map.of("#pk", index.partitionKey()))
                .expressionAttributeValues(values);
    }

    /**
     * Gives key records their retention from {@code rules}. The revision stays: retention is not a change
     * of the key that a concurrent writer must see. Each write is conditional on the revision read, so a
     * record changed meanwhile is read again rather than overwritten.
     */
    void restamp(String tenant, Optional<String> keyId, ExpiryRules rules) {
        List<Map<String, AttributeValue>> items = keyId.isPresent()
                ? calls.get(Keys.item(Keys.keyRecords(tenant), keyId.get()), "read the key record " + keyId.get())
                        .map(List::of).orElse(List.of())
                : calls.queryAll(partitionQuery(tenant), "list key records to recompute their retention");
        for (Map<String, AttributeValue> item : items) {
            restampOne(tenant, item, rules);
        }
    }

    private void restampOne(String tenant, Map<String, AttributeValue> item, ExpiryRules rules) {
        Map<String, AttributeValue> current = item;
        for (int attempt = 1; attempt <= MAX_MERGE_ATTEMPTS; attempt++) {
            CryptoAsset asset = decode(tenant, current);
            Optional<Instant> retainedUntil = rules.forAsset(asset);
            if (retainedUntil.equals(asset.retainedUntil())) {
                return;
            }
            long revision = Attributes.number(current, REVISION);
            PutItemRequest request = PutItemRequest.builder()
                    .item(encode(tenant, asset.toBuilder().retainedUntil(retainedUntil).build(), revision))
                    .conditionExpression("#revision = :revision")
                    .expressionAttributeNames(Map.of("#revision", REVISION))
                    .expressionAttributeValues(Map.of(":revision", n(revision))).build();
            if (calls.putIf(request, "recompute the retention of key record " + asset.id())) {
                return;
            }
            Optional<Map<String, AttributeValue>> again = calls.get(Keys.item(Keys.keyRecords(tenant), asset.id()),
                    "read the key record " + asset.id());
            if (again.isEmpty()) {
                return;
            }
            current = again.get();
        }
        throw new DynamoDbStoreException("the key record " + Attributes.describe(item)
                + " kept changing while its retention was recomputed");
    }

    /**
     * Removes the key records that have expired under {@code rules}, and their usage rollups; the stored
     * expiry only picks the items looked at. Returns how many records went.
     */
    int purge(String tenant, Instant now, ExpiryRules rules) {
        int removed = 0;
        List<WriteRequest> rollups = new ArrayList<>();
        for (Map<String, AttributeValue> item : calls.queryAll(partitionQuery(tenant), "list key records to purge")) {
            if (!Attributes.expired(item, now) || !ExpiryRules.expired(rules.forAsset(decode(tenant, item)), now)) {
                continue;
            }
            String keyId = Attributes.string(item, KEY_ID);
            // Conditional: a key written again since it was read (a new revision replacing the expired one) stays.
            DeleteItemRequest delete = DeleteItemRequest.builder().key(Keys.item(Keys.keyRecords(tenant), keyId))
                    .conditionExpression("#revision = :revision").expressionAttributeNames(Map.of("#revision", REVISION))
                    .expressionAttributeValues(Map.of(":revision", item.get(REVISION))).build();
            if (calls.delete(delete, "purge the expired key record " + keyId).isPresent()) {
                removed++;
                rollups.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(Keys.item(Keys.keyPartition(tenant, keyId), Keys.USAGE)).build()).build());
            }
        }
        calls.batchWrite(rollups, "purge the usage rollups of expired key records");
        return removed;
    }

    private static QueryRequest partitionQuery(String tenant) {
        return QueryRequest.builder().keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.keyRecords(tenant)))).consistentRead(true).build();
    }

    // --- usage rollups ---

    /**
     * Merges into the rollup with a write conditional on the version read; merging is commutative and
     * idempotent, so the loser of a race merges again into the winner's rollup. Nothing is written when
     * the merge changes nothing (a repeated use).
     */
    @Override
    public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        return mergeUsageWithBefore(tenant, keyId, usage).after();
    }

    @Override
    public Merge mergeUsageWithBefore(String tenant, String keyId, UsageContext usage) {
        tenants.writing(tenant);
        Map<String, AttributeValue> key = Keys.item(Keys.keyPartition(tenant, keyId), Keys.USAGE);
        for (int attempt = 1; attempt <= MAX_MERGE_ATTEMPTS; attempt++) {
            Optional<Map<String, AttributeValue>> item = calls.get(key, "read the usage rollup of " + keyId);
            Optional<UsageContext> current = item.map(KeyRecordItems::usageOf);
            UsageContext merged = current.map(u -> u.merge(usage)).orElse(usage);
            Merge merge = new Merge(current.orElse(UsageContext.NONE), merged);
            if (current.equals(Optional.of(merged))) {
                return merge;
            }
            long version = item.map(i -> Attributes.number(i, REVISION)).orElse(0L);
            Map<String, AttributeValue> next = new HashMap<>(key);
            next.put(TYPE, s("USAGE"));
            next.put(KEY_ID, s(keyId));
            next.put(REVISION, n(version + 1));
            Attributes.putBody(next, BODY, Json.write(merged));
            PutItemRequest request = version == 0
                    ? PutItemRequest.builder().item(next).conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", PK)).build()
                    : PutItemRequest.builder().item(next).conditionExpression("#revision = :revision")
                            .expressionAttributeNames(Map.of("#revision", REVISION))
                            .expressionAttributeValues(Map.of(":revision", n(version))).build();
            if (calls.putIf(request, "merge the usage rollup of " + keyId)) {
                return merge;
            }
        }
        throw new DynamoDbStoreException("the usage rollup of " + keyId + " kept changing while it was merged");
    }

    @Override
    public Optional<UsageContext> usage(String tenant, String keyId) {
        return calls.get(Keys.item(Keys.keyPartition(tenant, keyId), Keys.USAGE), "read the usage rollup of " + keyId)
                .map(KeyRecordItems::usageOf);
    }

    /** A page of keys' rollups in BatchGetItem calls of up to 100 keys, not a GetItem per key. */
    @Override
    public Map<String, UsageContext> usages(String tenant, Collection<String> keyIds) {
        Map<String, String> keyIdByPartition = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        // BatchGetItem refuses a key asked twice.
        for (String keyId : new LinkedHashSet<>(keyIds)) {
            String partition = Keys.keyPartition(tenant, keyId);
            keyIdByPartition.put(partition, keyId);
            keys.add(Keys.item(partition, Keys.USAGE));
        }
        Map<String, UsageContext> out = new HashMap<>();
        for (Map<String, AttributeValue> item : calls.batchGet(keys, "read the usage rollups of a page of keys")) {
            String keyId = keyIdByPartition.get(item.get(PK).s());
            if (keyId != null) {
                out.put(keyId, usageOf(item));
            }
        }
        return out;
    }

    private static UsageContext usageOf(Map<String, AttributeValue> item) {
        return Json.read(Attributes.body(item, BODY), UsageContext.class);
    }
}
