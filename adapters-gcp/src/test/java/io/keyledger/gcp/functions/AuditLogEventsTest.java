package io.keyledger.gcp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Eventarc route: real CloudEvents through the entry point Cloud Run functions call. */
class AuditLogEventsTest {

    static final KeyRef CARD_DATA = new KeyRef(Provider.GCP, "acme-payments", "europe-west1",
            "projects/acme-payments/locations/europe-west1/keyRings/payments/cryptoKeys/card-data");

    private final GcpHarness gcp = new GcpHarness();
    private final AuditLogEvents function = gcp.auditLogEvents();

    @AfterEach
    void close() throws Exception {
        gcp.close();
    }

    private CryptoAsset cardData() {
        CoreServices services = Fixtures.services(gcp.memory, gcp.clock, "acme");
        return services.inventory().asset("acme", CARD_DATA.id()).orElseThrow();
    }

    @Test
    void anAuditLogWrittenEventIsIngestedIntoTheProjectsTenant() {
        function.accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json"));

        assertThat(cardData().state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(gcp.memory.eventsForKey("acme", CARD_DATA.id())).hasSize(1);
        assertThat(gcp.reported()).isEmpty();
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        function.accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json"));
        CryptoAsset once = cardData();

        function.accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json"));

        assertThat(cardData()).isEqualTo(once);
        assertThat(gcp.memory.eventsForKey("acme", CARD_DATA.id())).hasSize(1);
    }

    @Test
    void theSameEntryThroughALogSinksTopicIsTheSameEvent() {
        function.accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json"));

        function.accept(CloudEvents.fixture("gcp/eventarc/pubsub-message-published.json"));

        assertThat(gcp.memory.eventsForKey("acme", CARD_DATA.id())).hasSize(1);
        assertThat(gcp.reported()).isEmpty();
    }

    @Test
    void aBadEntryIsAcknowledgedAndReportedNamingTheField() {
        function.accept(CloudEvents.read("""
                {"specversion": "1.0", "id": "evt-bad-1", "source": "//cloudaudit.googleapis.com/projects/acme-payments/logs/activity",
                 "type": "google.cloud.audit.log.v1.written", "datacontenttype": "application/json",
                 "data": {"insertId": "x1", "severity": "NOTICE"}}"""));

        JsonNode report = gcp.reported().get(0);
        assertThat(report.path("severity").asString()).isEqualTo("ERROR");
        assertThat(report.path("keyledger").path("delivery").asString()).isEqualTo("evt-bad-1");
        assertThat(report.path("keyledger").path("function").asString()).isEqualTo("ingestAuditLog");
        assertThat(report.path("keyledger").path("problems").get(0).asString())
                .contains("field 'data'").contains("not a Cloud Logging LogEntry");
        assertThat(gcp.memory.tenants()).isEmpty();
    }

    @Test
    void dataThatIsNotJsonIsReportedAsSuch() {
        function.accept(io.cloudevents.core.builder.CloudEventBuilder.v1().withId("evt-bad-2")
                .withSource(java.net.URI.create("//cloudaudit.googleapis.com/projects/acme-payments/logs/activity"))
                .withType("google.cloud.audit.log.v1.written").withDataContentType("application/json")
                .withData("{\"protoPayload\": {".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());

        assertThat(gcp.reported()).singleElement().satisfies(r ->
                assertThat(r.path("keyledger").path("problems").get(0).asString()).contains("data_base64"));
    }

    @Test
    void anEntryOfAnotherServiceIsIgnoredWithoutReport() {
        String entry = CloudEvents.resource("gcp/entries/other-service-pubsub.json");
        function.accept(CloudEvents.read("""
                {"specversion": "1.0", "id": "evt-other", "source": "//cloudaudit.googleapis.com/projects/acme-payments/logs/activity",
                 "type": "google.cloud.audit.log.v1.written", "datacontenttype": "application/json", "data": %s}"""
                .formatted(entry)));

        assertThat(gcp.reported()).isEmpty();
        assertThat(gcp.memory.tenants()).isEmpty();
    }

    @Test
    void aStoreFailureThrowsForEventarcToDeliverAgainAndTheRedeliveryIsApplied() {
        gcp.storeDown.set(true);

        assertThatThrownBy(() -> function.accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json")))
                .isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("to be delivered again")
                .hasMessageContaining("will be retried");
        assertThat(gcp.reported()).as("a store failure is not the entry's fault: nothing to report").isEmpty();

        gcp.storeDown.set(false);
        function.accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json"));

        assertThat(cardData().state()).isEqualTo(LifecycleState.DEACTIVATED);
    }

    @Test
    void thePublicConstructorIsTheOneTheFrameworkCalls() throws Exception {
        try (AuditLogEvents framework = new AuditLogEvents()) {
            framework.accept(CloudEvents.fixture("gcp/eventarc/audit-log-written.json"));
        }

        assertThat(cardData().state()).isEqualTo(LifecycleState.DEACTIVATED);
    }
}
