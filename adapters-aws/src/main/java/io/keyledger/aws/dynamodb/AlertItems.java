package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.s;
import static io.keyledger.aws.dynamodb.Keys.PK;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.alert.Alerts;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.AlertStore;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Alerts: one item per alert, keyed by its id, which {@link Alert#idOf} derives from the tenant and the
 * dedup key, so the conditional put that stores an alert is also its dedup. The byState index lists a
 * tenant's alerts per status, newest first ({@link Alerts#sortKey}); a listing of every status merges
 * the per-status lists.
 */
final class AlertItems implements AlertStore {

    private static final String TYPE = "type";
    private static final String STATUS = "status";
    private static final String DEDUP_KEY = "dedupKey";
    private static final String BODY = "body";

    private final DynamoDbCalls calls;
    private final TenantItems tenants;

    AlertItems(DynamoDbCalls calls, TenantItems tenants) {
        this.calls = calls;
        this.tenants = tenants;
    }

    @Override
    public boolean insertAlert(Alert alert) {
        tenants.writing(alert.tenant());
        String derived = Alert.idOf(alert.tenant(), alert.dedupKey());
        if (!alert.id().equals(derived)) {
            throw new IllegalArgumentException("alert id '" + alert.id() + "' is not the id of its tenant and dedup key ('"
                    + derived + "')");
        }
        PutItemRequest put = PutItemRequest.builder().item(encode(alert)).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK)).build();
        return calls.putIf(put, "store the alert " + alert.id());
    }

    @Override
    public Optional<Alert> alert(String tenant, String alertId) {
        return calls.get(Keys.item(Keys.alert(tenant, alertId), Keys.ALERT), "read the alert " + alertId)
                .map(AlertItems::decode);
    }

    @Override
    public Page<Alert> alerts(String tenant, Optional<AlertStatus> status, PageRequest page) {
        Optional<String> after = page.cursor().map(Cursors::decode);
        List<AlertStatus> statuses = status.map(List::of).orElse(Arrays.asList(AlertStatus.values()));
        List<Iterator<Map<String, AttributeValue>>> lists = new ArrayList<>();
        for (AlertStatus s : statuses) {
            lists.add(calls.query(statusQuery(tenant, s, after), page.limit() + 1, "list the alerts of tenant " + tenant));
        }
        Iterator<Map<String, AttributeValue>> merged = new SortedMerge<>(lists,
                item -> Attributes.string(item, DynamoDbTableSchema.BY_STATE.sortKey()));
        List<Alert> out = new ArrayList<>();
        List<String> sortKeys = new ArrayList<>();
        while (out.size() <= page.limit() && merged.hasNext()) {
            Map<String, AttributeValue> item = merged.next();
            out.add(decode(item));
            sortKeys.add(Attributes.string(item, DynamoDbTableSchema.BY_STATE.sortKey()));
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        return new Page<>(out.subList(0, page.limit()), Optional.of(Cursors.encode(sortKeys.get(page.limit() - 1))));
    }

    private static QueryRequest statusQuery(String tenant, AlertStatus status, Optional<String> after) {
        DynamoDbTableSchema.Index index = DynamoDbTableSchema.BY_STATE;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(Keys.alertsByStatus(tenant, status))));
        after.ifPresent(a -> values.put(":after", s(a)));
        return QueryRequest.builder().indexName(index.name())
                .keyConditionExpression(after.isPresent() ? "#pk = :pk AND #sk > :after" : "#pk = :pk")
                .expressionAttributeNames(after.isPresent()
                        ? Map.of("#pk", index.partitionKey(), "#sk", index.sortKey()) : Map.of("#pk", index.partitionKey()))
                .expressionAttributeValues(values).build();
    }

    /** Acknowledges with a write conditional on the alert still being open: of two acknowledgers, one wins. */
    @Override
    public Optional<Alert> acknowledgeAlert(String tenant, String alertId, String by, Instant at) {
        Optional<Alert> open = alert(tenant, alertId).filter(a -> a.status() == AlertStatus.OPEN);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Alert acknowledged = open.get().acknowledged(by, at);
        PutItemRequest put = PutItemRequest.builder().item(encode(acknowledged)).conditionExpression("#status = :open")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(":open", s(AlertStatus.OPEN.name()))).build();
        return calls.putIf(put, "acknowledge the alert " + alertId) ? Optional.of(acknowledged) : Optional.empty();
    }

    private static Map<String, AttributeValue> encode(Alert alert) {
        Map<String, AttributeValue> item = Keys.item(Keys.alert(alert.tenant(), alert.id()), Keys.ALERT);
        item.put(TYPE, s("ALERT"));
        item.put(STATUS, s(alert.status().name()));
        item.put(DEDUP_KEY, s(alert.dedupKey()));
        Attributes.putBody(item, BODY, Json.write(alert));
        Keys.indexKey(item, DynamoDbTableSchema.BY_STATE, Keys.alertsByStatus(alert.tenant(), alert.status()),
                Alerts.sortKey(alert));
        return item;
    }

    private static Alert decode(Map<String, AttributeValue> item) {
        return Json.read(Attributes.body(item, BODY), Alert.class);
    }
}
