package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.n;
import static io.keyledger.aws.dynamodb.Attributes.s;
import static io.keyledger.aws.dynamodb.Keys.PK;
import static io.keyledger.aws.dynamodb.Keys.SK;

import io.keyledger.core.json.Json;
import io.keyledger.core.keystore.KeyStoreRecord;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.KeyStoreRecordStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.Versioned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The key store records of a {@link DynamoDbInventoryStore}: one item each in the tenant's key store
 * partition, sorted by key store id, written with a condition on the revision read.
 */
final class KeyStoreItems implements KeyStoreRecordStore {

    private static final String TYPE = "type";
    private static final String REVISION = "revision";
    private static final String BODY = "body";

    private final DynamoDbCalls calls;
    private final TenantItems tenants;

    KeyStoreItems(DynamoDbCalls calls, TenantItems tenants) {
        this.calls = calls;
        this.tenants = tenants;
    }

    @Override
    public Optional<Versioned<KeyStoreRecord>> keyStore(String tenant, String keyStoreId) {
        return calls.get(Keys.item(Keys.keyStores(tenant), keyStoreId), "read the key store record " + keyStoreId)
                .map(item -> new Versioned<>(decode(item), Attributes.number(item, REVISION)));
    }

    @Override
    public long putKeyStore(String tenant, KeyStoreRecord record, long expectedRevision) {
        if (!record.tenant().equals(tenant)) {
            throw new IllegalArgumentException("key store of tenant '" + record.tenant() + "' written as tenant '"
                    + tenant + "'");
        }
        if (expectedRevision < 0) {
            throw new IllegalArgumentException("expected revision must not be negative: " + expectedRevision);
        }
        tenants.writing(tenant);
        Map<String, AttributeValue> item = Keys.item(Keys.keyStores(tenant), record.id());
        item.put(TYPE, s("KEY_STORE"));
        item.put(REVISION, n(expectedRevision + 1));
        Attributes.putBody(item, BODY, Json.write(record));
        PutItemRequest.Builder request = PutItemRequest.builder().item(item);
        if (expectedRevision == 0) {
            request.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK));
        } else {
            request.conditionExpression("#revision = :expected")
                    .expressionAttributeNames(Map.of("#revision", REVISION))
                    .expressionAttributeValues(Map.of(":expected", n(expectedRevision)));
        }
        if (!calls.putIf(request.build(), "write the key store record " + record.id())) {
            long current = keyStore(tenant, record.id()).map(Versioned::revision).orElse(0L);
            throw new StaleRevisionException("key store " + record.id() + " is at revision " + current + ", not "
                    + expectedRevision);
        }
        return expectedRevision + 1;
    }

    @Override
    public Page<KeyStoreRecord> keyStores(String tenant, PageRequest page) {
        Optional<String> after = page.cursor().map(Cursors::decode);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(Keys.keyStores(tenant))));
        after.ifPresent(a -> values.put(":after", s(a)));
        QueryRequest request = QueryRequest.builder()
                .keyConditionExpression(after.isPresent() ? "#pk = :pk AND #sk > :after" : "#pk = :pk")
                .expressionAttributeNames(after.isPresent() ? Map.of("#pk", PK, "#sk", SK) : Map.of("#pk", PK))
                .expressionAttributeValues(values).consistentRead(true).build();
        Iterator<Map<String, AttributeValue>> items = calls.query(request, page.limit() + 1, "list key store records");
        List<KeyStoreRecord> out = new ArrayList<>();
        while (out.size() <= page.limit() && items.hasNext()) {
            out.add(decode(items.next()));
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<KeyStoreRecord> shown = out.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).id())));
    }

    private static KeyStoreRecord decode(Map<String, AttributeValue> item) {
        return Json.read(Attributes.body(item, BODY), KeyStoreRecord.class);
    }
}
