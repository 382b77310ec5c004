package io.keyledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The table as created is the one the deployment template declares: the names are fixed. */
class DynamoDbTableSchemaTest {

    @RegisterExtension
    static final LocalDynamo dynamo = LocalDynamo.perClass();

    @Test
    void theRequestDeclaresKeysIndexesAndOnDemandBilling() {
        var request = DynamoDbTableSchema.createTableRequest("inventory");

        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(request.attributeDefinitions()).allSatisfy(a -> assertThat(a.attributeType()).isEqualTo(ScalarAttributeType.S))
                .extracting(a -> a.attributeName())
                .containsExactlyInAnyOrder("pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk");
        assertThat(request.globalSecondaryIndexes()).extracting(i -> i.indexName())
                .containsExactly("byState", "byProvider", "byOwner");
        assertThat(request.globalSecondaryIndexes()).allSatisfy(i ->
                assertThat(i.projection().projectionType()).isEqualTo(ProjectionType.ALL));
        assertThat(DynamoDbTableSchema.TTL_ATTRIBUTE).isEqualTo("expiresAt");
    }

    @Test
    void theCreatedTableIsActiveWithTheDeclaredIndexes() {
        String name = dynamo.newTable();

        TableDescription table = dynamo.client().describeTable(b -> b.tableName(name)).table();

        assertThat(table.tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(table.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder("byState", "byProvider", "byOwner");
        for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
            int n = List.of("byState", "byProvider", "byOwner").indexOf(index.indexName()) + 1;
            assertThat(index.keySchema()).containsExactly(key("gsi" + n + "pk", KeyType.HASH),
                    key("gsi" + n + "sk", KeyType.RANGE));
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
