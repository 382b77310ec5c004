package io.keyledger.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.aws.dynamodb.DynamoDbInventoryStore;
import io.keyledger.aws.s3.S3ObjectReader;
import io.keyledger.aws.sns.SnsAlertSink;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.alert.LogAlertSink;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production resources build their clients without credentials or a network, once each. */
class AwsLambdaResourcesTest {

    @Test
    void clientsAreBuiltOfflineAndOncePerContainer() {
        try (AwsLambdaResources resources = AwsLambdaResources.fromEnvironment(Map.of("AWS_REGION", "eu-central-1",
                "KEYLEDGER_ALERT_TOPIC_ARN", "arn:aws:sns:eu-central-1:111122223333:keyledger-alerts"))) {
            assertThat(resources.objects()).isInstanceOf(S3ObjectReader.class).isSameAs(resources.objects());
            assertThat(resources.alertSinks()).map(AlertSink::getClass)
                    .containsExactly(LogAlertSink.class, SnsAlertSink.class);
            assertThat(resources.alertSinks().get(1).name())
                    .isEqualTo("sns:arn:aws:sns:eu-central-1:111122223333:keyledger-alerts");
            assertThat(resources.dynamoDb()).isSameAs(resources.dynamoDb());
            assertThat(resources.dynamoDb().serviceClientConfiguration().region().id()).isEqualTo("eu-central-1");
        }
    }

    @Test
    void withoutATopicAlertsAreOnlyLogged() {
        try (AwsLambdaResources resources = AwsLambdaResources.fromEnvironment(Map.of("AWS_REGION", "eu-central-1"))) {
            assertThat(resources.alertSinks()).singleElement().isInstanceOf(LogAlertSink.class);
        }
    }

    @Test
    void theStoreIsTheDynamoDbStoreOnTheNamedTableBuiltWithoutACall() {
        try (AwsLambdaResources resources = AwsLambdaResources.fromEnvironment(Map.of("AWS_REGION", "eu-central-1",
                "KEYLEDGER_TABLE_NAME", "keyledger-inventory"))) {
            assertThat(resources.store()).isInstanceOf(DynamoDbInventoryStore.class).isSameAs(resources.store());
            assertThat(((DynamoDbInventoryStore) resources.store()).table()).isEqualTo("keyledger-inventory");
        }
    }

    @Test
    void theSweepsClientsAreBuiltOfflineFromTheSettings() {
        try (AwsLambdaResources resources = AwsLambdaResources.fromEnvironment(Map.of("AWS_REGION", "eu-central-1",
                "KEYLEDGER_MEMBER_ROLE_NAME", "KeyLedgerMember", "KEYLEDGER_REGIONS", "eu-west-1"))) {
            assertThat(resources.sweepScopes()).isSameAs(resources.sweepScopes());
            assertThat(resources.sweepScopes().config().memberRoleArn("111122223333"))
                    .isEqualTo("arn:aws:iam::111122223333:role/KeyLedgerMember");
            assertThat(resources.sweepScopes().config().regions()).containsExactly("eu-west-1");
            assertThat(resources.sqs()).isSameAs(resources.sqs());
            assertThat(resources.sqs().serviceClientConfiguration().region().id()).isEqualTo("eu-central-1");
        }
    }

    @Test
    void theSweepNeedsTheMemberRoleNamed() {
        try (AwsLambdaResources resources = AwsLambdaResources.fromEnvironment(Map.of("AWS_REGION", "eu-central-1"))) {
            assertThatThrownBy(resources::sweepScopes).isInstanceOf(SettingsException.class)
                    .hasMessage("KEYLEDGER_MEMBER_ROLE_NAME is not set");
        }
    }

    @Test
    void theStoreNeedsItsTableNamed() {
        try (AwsLambdaResources resources = AwsLambdaResources.fromEnvironment(Map.of("AWS_REGION", "eu-central-1"))) {
            assertThatThrownBy(resources::store).isInstanceOf(SettingsException.class)
                    .hasMessage("KEYLEDGER_TABLE_NAME is not set");
        }
    }
}
