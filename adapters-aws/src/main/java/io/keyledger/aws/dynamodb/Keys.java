package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.s;

import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.tenant.TenantIds;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The partition and sort keys of every item (docs/aws/DYNAMODB.md has the table). Every partition
 * key starts with {@code T#<tenant>#}: tenant ids cannot hold '#', so no key of one tenant is a key of
 * another, and an IAM policy can confine a role to one tenant's items with {@code dynamodb:LeadingKeys}.
 */
final class Keys {

    static final String PK = DynamoDbTableSchema.PARTITION_KEY;
    static final String SK = DynamoDbTableSchema.SORT_KEY;

    /** DynamoDB's limits on key attribute values, in bytes. */
    private static final int PARTITION_KEY_LIMIT = 2048;
    private static final int SORT_KEY_LIMIT = 1024;

    static final String USAGE = "USAGE";
    static final String EVENT_MARKER = "EVENT";
    static final String HISTORY_PREFIX = "EV#";
    static final String LEDGER_RECORD_PREFIX = "R#";
    /** Sorts after every ledger record, so that one descending query reads the head and the last record. */
    static final String LEDGER_HEAD = "~HEAD";
    static final String ALERT = "ALERT";
    static final String RETENTION = "RETENTION";
    static final String HOLD_PREFIX = "HOLD#";
    static final String TENANT = "TENANT";
    /** The byState partition listing every tenant. */
    static final String TENANTS = "TENANTS";

    private Keys() {
    }

    static String tenant(String tenant) {
        return "T#" + TenantIds.requireValid(tenant) + "#";
    }

    static Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, s(requireSize(pk, PARTITION_KEY_LIMIT, "partition key")));
        key.put(SK, s(requireSize(sk, SORT_KEY_LIMIT, "sort key")));
        return key;
    }

    static String requireSize(String value, int limit, String what) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limit) {
            throw new IllegalArgumentException(what + " '" + value.substring(0, Math.min(80, value.length()))
                    + "...' is " + bytes + " bytes, over DynamoDB's limit of " + limit);
        }
        return value;
    }

    static void indexKey(Map<String, AttributeValue> item, DynamoDbTableSchema.Index index, String pk, String sk) {
        item.put(index.partitionKey(), s(requireSize(pk, PARTITION_KEY_LIMIT, index.name() + " partition key")));
        item.put(index.sortKey(), s(requireSize(sk, SORT_KEY_LIMIT, index.name() + " sort key")));
    }

    // --- key records and what hangs off one key ---

    /** The partition of a tenant's key records; the sort key is the key id. */
    static String keyRecords(String tenant) {
        return tenant(tenant) + "KEYS";
    }

    /** The partition of a tenant's key store records; the sort key is the key store id. */
    static String keyStores(String tenant) {
        return tenant(tenant) + "KEYSTORES";
    }

    /** The partition of one key: its history and its usage rollup. */
    static String keyPartition(String tenant, String keyId) {
        return tenant(tenant) + "KEY#" + keyId;
    }

    static String history(String dedupKey) {
        return HISTORY_PREFIX + dedupKey;
    }

    /** The item that makes an event's id taken for the whole tenant. */
    static String eventMarker(String tenant, String dedupKey) {
        return tenant(tenant) + "EVENT#" + dedupKey;
    }

    /** The partition of a tenant's events of one UTC day, sorted by event time. */
    static String day(String tenant, String day) {
        return tenant(tenant) + "DAY#" + day;
    }

    /** The partition listing the days a tenant has events on. */
    static String days(String tenant) {
        return tenant(tenant) + "DAYS";
    }

    // --- ledger, sweeps, alerts, settings ---

    static String ledger(String tenant) {
        return tenant(tenant) + "LEDGER";
    }

    static String ledgerRecord(long sequence) {
        return LEDGER_RECORD_PREFIX + Attributes.sequenceKey(sequence);
    }

    static String sweeps(String tenant) {
        return tenant(tenant) + "SWEEPS";
    }

    /** The partition of the parts of one generation of a sweep report too large for one item. */
    static String sweepParts(String tenant, String sortKey, String generation) {
        return tenant(tenant) + "SWEEP#" + sortKey + "#" + generation;
    }

    static String alert(String tenant, String alertId) {
        return tenant(tenant) + "ALERT#" + alertId;
    }

    static String settings(String tenant) {
        return tenant(tenant) + "CONFIG";
    }

    // --- index partitions ---

    static String byState(String tenant, LifecycleState state) {
        return tenant(tenant) + "STATE#" + state.name();
    }

    static String byProvider(String tenant, Provider provider) {
        return tenant(tenant) + "PROVIDER#" + provider.code();
    }

    static String byOwner(String tenant, String owner) {
        return tenant(tenant) + "OWNER#" + owner;
    }

    static String alertsByStatus(String tenant, AlertStatus status) {
        return tenant(tenant) + "ALERTS#" + status.name();
    }

    static String ledgerOfKey(String tenant, String keyId) {
        return tenant(tenant) + "LEDGER#KEY#" + keyId;
    }
}
