package io.keyledger.gcp.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.LifecycleState;
import io.keyledger.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The log sink route: Pub/Sub push requests through the HTTP entry point. */
class AuditLogPushTest {

    private static final String URL = "https://keyledger-ingest-push-abc123-ew.a.run.app/";

    private final GcpHarness gcp = new GcpHarness();
    private final AuditLogPush function = gcp.auditLogPush();

    @AfterEach
    void close() throws Exception {
        gcp.close();
    }

    private FrameworkResponse push(String resource) throws Exception {
        FrameworkResponse response = new FrameworkResponse();
        function.service(FrameworkRequest.of("POST", URL).json(CloudEvents.resource(resource)), response);
        return response;
    }

    @Test
    void aPushedEntryIsIngestedAndAcknowledged() throws Exception {
        FrameworkResponse response = push("gcp/pubsub/push-destroy.json");

        assertThat(response.status()).isEqualTo(204);
        assertThat(Fixtures.services(gcp.memory, gcp.clock, "acme").inventory()
                .asset("acme", AuditLogEventsTest.CARD_DATA.id()).orElseThrow().state())
                .isEqualTo(LifecycleState.DEACTIVATED);
    }

    @Test
    void aRedeliveredMessageIsAcknowledgedAndChangesNothing() throws Exception {
        push("gcp/pubsub/push-destroy.json");

        FrameworkResponse again = push("gcp/pubsub/push-destroy.json");

        assertThat(again.status()).isEqualTo(204);
        assertThat(gcp.memory.eventsForKey("acme", AuditLogEventsTest.CARD_DATA.id())).hasSize(1);
    }

    @Test
    void aMessageThatCannotBeReadIsAcknowledgedAndReportedByItsMessageId() throws Exception {
        FrameworkResponse response = push("gcp/pubsub/push-bad-base64.json");

        assertThat(response.status()).as("delivering it again would fail the same way").isEqualTo(204);
        assertThat(gcp.reported()).singleElement().satisfies(r -> {
            assertThat(r.path("severity").asString()).isEqualTo("ERROR");
            assertThat(r.path("keyledger").path("problems").get(0).asString()).contains("message.data")
                    .contains("base64");
        });
    }

    @Test
    void aMessageThatIsNotALogEntryIsReported() throws Exception {
        FrameworkResponse response = push("gcp/pubsub/push-not-a-log-entry.json");

        assertThat(response.status()).isEqualTo(204);
        assertThat(gcp.reported()).singleElement().satisfies(r ->
                assertThat(r.path("keyledger").path("problems").get(0).asString()).contains("not a Cloud Logging LogEntry"));
    }

    @Test
    void aStoreFailureAnswers503ForPubSubToDeliverAgain() throws Exception {
        gcp.storeDown.set(true);

        FrameworkResponse response = push("gcp/pubsub/push-destroy.json");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("detail").asString()).contains("delivered again");
        assertThat(gcp.reported()).isEmpty();
        gcp.storeDown.set(false);
        assertThat(push("gcp/pubsub/push-destroy.json").status()).isEqualTo(204);
    }

    @Test
    void onlyPostIsServed() throws Exception {
        FrameworkResponse response = new FrameworkResponse();
        function.service(FrameworkRequest.of("GET", URL), response);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("POST");
    }

    @Test
    void aBodyLargerThanAnyPubSubMessageIsAcknowledgedAndReported() throws Exception {
        byte[] huge = new byte[AuditLogPush.MAX_BODY + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        FrameworkResponse response = new FrameworkResponse();
        function.service(FrameworkRequest.of("POST", URL).body("application/json", huge), response);

        assertThat(response.status()).isEqualTo(204);
        assertThat(gcp.reported()).singleElement().satisfies(r ->
                assertThat(r.path("keyledger").path("problems").get(0).asString()).contains("larger than"));
    }

    @Test
    void theMessageIdNamesTheDelivery() {
        assertThat(AuditLogPush.messageId(CloudEvents.resource("gcp/pubsub/push-destroy.json")
                .getBytes(StandardCharsets.UTF_8))).contains("13529735127401582");
        assertThat(AuditLogPush.messageId("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
