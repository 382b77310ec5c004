package io.keyledger.aws.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The one table KeyLedger keeps its inventory in: the same definition the deployment template
 * declares (partition key {@code pk}, sort key {@code sk}, three global secondary indexes projecting
 * every attribute, on-demand billing, time to live on {@code expiresAt}). docs/aws/DYNAMODB.md
 * describes the items.
 */
public final class DynamoDbTableSchema {

    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    /** Epoch seconds after which DynamoDB's time to live may delete the item; absent on records that never expire. */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    /** Key records by lifecycle state; also alerts by status and the tenant registry. */
    public static final Index BY_STATE = new Index("byState", "gsi1pk", "gsi1sk");
    /** Key records by provider. */
    public static final Index BY_PROVIDER = new Index("byProvider", "gsi2pk", "gsi2sk");
    /** Key records by owner; also the ledger records of one key. */
    public static final Index BY_OWNER = new Index("byOwner", "gsi3pk", "gsi3sk");

    public static final List<Index> INDEXES = List.of(BY_STATE, BY_PROVIDER, BY_OWNER);

    /** A global secondary index: its name and its string key attributes. */
    public record Index(String name, String partitionKey, String sortKey) {

        public Index {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(partitionKey, "partitionKey");
            Objects.requireNonNull(sortKey, "sortKey");
        }
    }

    private DynamoDbTableSchema() {
    }

    /** The CreateTable request of the table. */
    public static CreateTableRequest createTableRequest(String tableName) {
        Objects.requireNonNull(tableName, "tableName");
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(
                stringAttribute(PARTITION_KEY), stringAttribute(SORT_KEY)));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Index index : INDEXES) {
            attributes.add(stringAttribute(index.partitionKey()));
            attributes.add(stringAttribute(index.sortKey()));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(hashKey(index.partitionKey()), rangeKey(index.sortKey()))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build());
        }
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(hashKey(PARTITION_KEY), rangeKey(SORT_KEY))
                .globalSecondaryIndexes(indexes)
                .build();
    }

    /**
     * Creates the table and waits until it is active. Deployments create it from the template
     * instead; this is for tests, local runs and tools.
     */
    public static void createTable(DynamoDbClient client, String tableName) {
        DynamoDbCalls.translate("CreateTable", "create the table", tableName,
                () -> client.createTable(createTableRequest(tableName)));
        // The SDK's default waiter polls every 20 s: too slow for an emulator that is ready in milliseconds.
        TableStatus status = DynamoDbCalls.translate("DescribeTable", "wait for the table to be active", tableName,
                () -> client.waiter().waitUntilTableExists(r -> r.tableName(tableName), o -> o
                        .backoffStrategyV2(BackoffStrategy.exponentialDelayWithoutJitter(Duration.ofMillis(20),
                                Duration.ofSeconds(5)))
                        .waitTimeout(Duration.ofMinutes(5))))
                .matched().response().map(r -> r.table().tableStatus()).orElse(TableStatus.UNKNOWN_TO_SDK_VERSION);
        if (status != TableStatus.ACTIVE) {
            throw new DynamoDbStoreException("table '" + tableName + "' is " + status + " after creation, not ACTIVE");
        }
    }

    /**
     * Turns DynamoDB's time to live on for {@link #TTL_ATTRIBUTE}. The deployment template does the
     * same; the store never relies on it (reads filter expired records themselves).
     */
    public static void enableTimeToLive(DynamoDbClient client, String tableName) {
        DynamoDbCalls.translate("UpdateTimeToLive", "enable time to live", tableName, () -> client.updateTimeToLive(
                UpdateTimeToLiveRequest.builder().tableName(tableName).timeToLiveSpecification(
                        TimeToLiveSpecification.builder().attributeName(TTL_ATTRIBUTE).enabled(true).build()).build()));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hashKey(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement rangeKey(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
