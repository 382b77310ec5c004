package io.keyledger.aws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertDispatcher;
import io.keyledger.core.alert.Rule;
import io.keyledger.core.json.Json;
import io.keyledger.testkit.aws.FakeSns;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

/** The sink through the real SNS client, against a wire-level fake of SNS's query protocol. */
class SnsAlertSinkTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:keyledger-alerts";
    private static final String FIFO_TOPIC = "arn:aws:sns:us-east-1:111122223333:keyledger-alerts.fifo";
    private static final String KEY = "aws:arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private FakeSns sns;
    private SnsClient client;

    @BeforeEach
    void start() throws IOException {
        sns = new FakeSns();
        sns.createTopic(TOPIC);
        sns.createTopic(FIFO_TOPIC);
        client = sns.client("111122223333");
    }

    @AfterEach
    void stop() {
        client.close();
        sns.close();
    }

    static Alert alert(String tenant, Rule rule, String message) {
        return Alert.open(tenant, rule, Optional.of(KEY), List.of("aws:f8380797-aa76-58ac-9e2f-77f420e6f633"), message,
                "aws:f8380797-aa76-58ac-9e2f-77f420e6f633", Instant.parse("2026-01-15T09:30:05Z"));
    }

    @Test
    void publishesTheAlertJsonWithASubjectAndFilterableAttributes() throws IOException {
        Alert alert = alert("acme", Rule.PREMATURE_DESTRUCTION, "key scheduled for deletion 2 days after its last use");

        new SnsAlertSink(client, TOPIC).send(alert);

        assertThat(sns.published()).singleElement().satisfies(p -> {
            assertThat(p.param("TopicArn")).isEqualTo(TOPIC);
            assertThat(p.param("Message")).isEqualTo(Json.write(alert));
            assertThat(p.param("Subject")).isEqualTo(
                    "KeyLedger HIGH premature-destruction (acme): key scheduled for deletion 2 days after its last use");
            assertThat(p.attributes()).isEqualTo(Map.of("severity", "HIGH", "rule", "premature-destruction",
                    "tenant", "acme"));
            assertThat(p.param("MessageGroupId")).isNull();
        });
    }

    @Test
    void aFifoTopicGetsTheTenantAsGroupAndTheAlertIdAsDeduplicationId() throws IOException {
        Alert alert = alert("acme", Rule.KEY_POLICY_LOCKOUT, "the key policy leaves no administrator");

        new SnsAlertSink(client, FIFO_TOPIC).send(alert);

        assertThat(sns.published()).singleElement().satisfies(p -> {
            assertThat(p.param("MessageGroupId")).isEqualTo("acme");
            assertThat(p.param("MessageDeduplicationId")).isEqualTo(alert.id());
        });
    }

    @Test
    void throttlingAndServerErrorsAreRetriedByTheSdk() throws IOException {
        sns.failNext(1, 429, "Throttled");
        sns.failNext(1, 500, "InternalError");

        new SnsAlertSink(client, TOPIC).send(alert("acme", Rule.DESTRUCTIVE_BURST, "5 deletions in 10 minutes"));

        assertThat(sns.requests().size()).isEqualTo(3);
        assertThat(sns.published()).hasSize(1);
    }

    @Test
    void aMissingTopicIsAnIoErrorNamingTopicAlertAndCode() {
        String gone = "arn:aws:sns:us-east-1:111122223333:deleted";
        Alert alert = alert("acme", Rule.UNAUTHORISED_CHANGE, "changed by a non-custodian");

        assertThatThrownBy(() -> new SnsAlertSink(client, gone).send(alert))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("sns:" + gone + " refused alert " + alert.id() + ": HTTP 404 NotFound");
        assertThat(sns.requests().size()).as("a 404 is not retried").isEqualTo(1);
    }

    @Test
    void aServerThatKeepsFailingFailsTheSendAfterTheSdksAttempts() {
        sns.failNext(10, 500, "InternalError");
        Alert alert = alert("acme", Rule.DESTRUCTIVE_BURST, "5 deletions in 10 minutes");

        assertThatThrownBy(() -> new SnsAlertSink(client, TOPIC).send(alert))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("sns:" + TOPIC)
                .hasMessageContaining(alert.id())
                .hasMessageContaining("InternalError");
        assertThat(sns.requests().size()).as("the SDK's default attempts").isGreaterThan(1).isLessThan(10);
        assertThat(sns.published()).isEmpty();
    }

    @Test
    void theDispatcherCountsAFailedPublishAndGoesOn() {
        AlertDispatcher dispatcher = new AlertDispatcher(List.of(
                new SnsAlertSink(client, "arn:aws:sns:us-east-1:111122223333:deleted"), new SnsAlertSink(client, TOPIC)));

        dispatcher.send(alert("acme", Rule.COMPROMISE_DECLARED, "declared compromised by alice"));

        assertThat(dispatcher.failures()).containsOnlyKeys("sns:arn:aws:sns:us-east-1:111122223333:deleted");
        assertThat(dispatcher.delivered()).isEqualTo(1);
        assertThat(sns.published()).hasSize(1);
    }

    @Test
    void aLongOrMultiLineMessageStillMakesAValidSubject() throws IOException {
        Alert alert = alert("a-tenant-with-a-rather-long-name-that-fills-most-of-the-subject-line",
                Rule.DESTRUCTION_NOT_OBSERVED, "gone from the cloud\nwithout a destruction event: é ü 鍵");

        new SnsAlertSink(client, TOPIC).send(alert);

        String subject = sns.published().get(0).param("Subject");
        assertThat(subject).hasSizeLessThanOrEqualTo(100).endsWith("...").startsWith("KeyLedger HIGH destruction-not-observed");
    }
}
