package io.keyledger.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.json.Json;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.azure.FunctionsContext;
import io.keyledger.testkit.azure.FunctionsOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ingestMonitorLogs} called as the Functions worker calls it: an Event Hub batch (cardinality many) of
 * the documents diagnostic settings stream, with the trigger's metadata and the rejected-records output.
 */
class MonitorLogsFunctionTest {

    private FunctionApp app;

    @BeforeEach
    void start() throws Exception {
        app = FunctionApp.start();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    static String resource(String path) throws IOException {
        try (InputStream in = MonitorLogsFunctionTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The Activity Log records as diagnostic settings stream them: one {"records": [...]} document. */
    static String activityLogDocument() throws IOException {
        ObjectNode doc = Json.mapper().createObjectNode();
        ArrayNode records = doc.putArray("records");
        for (String line : resource("/azure/activitylog/activity-log.jsonl").split("\n")) {
            if (!line.isBlank()) {
                records.add(Json.mapper().readTree(line));
            }
        }
        return Json.write(doc);
    }

    /** The AuditEvent document with one record's time made unreadable, between good ones. */
    static String auditDocumentWithOneBadRecord() throws IOException {
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(resource("/azure/auditevent/operations.json"));
        ArrayNode records = (ArrayNode) doc.get("records");
        ObjectNode bad = (ObjectNode) records.get(0).deepCopy();
        bad.put("time", "yesterday at noon");
        ObjectNode out = Json.mapper().createObjectNode();
        out.putArray("records").add(records.get(0)).add(bad).add(records.get(1));
        return Json.write(out);
    }

    private FunctionsOutput<String> run(String[] events, FunctionsContext context) {
        EventHubSystemProperties[] properties = new EventHubSystemProperties[events.length];
        for (int i = 0; i < events.length; i++) {
            properties[i] = new EventHubSystemProperties(1040 + i, Long.toString(4096L * i), "2026-11-28T01:59:00Z");
        }
        FunctionsOutput<String> rejected = new FunctionsOutput<>();
        app.functions.ingestMonitorLogs(events, properties, new EventHubPartitionContext("3", "keyledger-logs"),
                rejected, context);
        return rejected;
    }

    private long acmeKeys() {
        return app.memory.assets("acme", AssetQuery.ALL, PageRequest.first(PageRequest.MAX_LIMIT)).items().size();
    }

    @Test
    void aBatchOfAuditEventAndActivityLogDocumentsIsAppliedToTheSubscriptionsTenant() throws IOException {
        FunctionsContext context = FunctionApp.context(AzureFunctionNames.INGEST_MONITOR_LOGS);

        FunctionsOutput<String> rejected = run(new String[] {resource("/azure/auditevent/operations.json"),
                activityLogDocument()}, context);

        assertThat(rejected.written()).isEmpty();
        assertThat(context.lines(Level.WARNING)).isEmpty();
        assertThat(acmeKeys()).isPositive();
        assertThat(context.lines(Level.INFO)).singleElement().asString()
                .startsWith("ingestMonitorLogs: 2 events, 59 records");
    }

    @Test
    void aBadRecordFailsAloneIsReportedAndKeptWithItsEventAndTheBatchGoesOn() throws IOException {
        FunctionsContext context = FunctionApp.context(AzureFunctionNames.INGEST_MONITOR_LOGS);
        String withBadRecord = auditDocumentWithOneBadRecord();

        FunctionsOutput<String> rejected = run(new String[] {withBadRecord, activityLogDocument()}, context);

        assertThat(acmeKeys()).isPositive();
        assertThat(context.lines(Level.WARNING)).singleElement().asString()
                .contains("partition 3, sequence 1040").contains("time");
        JsonNode kept = Json.mapper().readTree(rejected.written().orElseThrow());
        assertThat(kept.path("function").asString()).isEqualTo("ingestMonitorLogs");
        assertThat(kept.path("invocationId").asString()).isEqualTo(context.getInvocationId());
        assertThat(kept.path("rejected")).hasSize(1);
        JsonNode event = kept.path("rejected").get(0);
        assertThat(event.path("partition").asString()).isEqualTo("3");
        assertThat(event.path("sequenceNumber").asLong()).isEqualTo(1040);
        assertThat(event.path("body").asString()).isEqualTo(withBadRecord);
        assertThat(event.path("problems").get(0).asString()).contains("time");
    }

    @Test
    void aStoreFailureFailsTheInvocationSoThatTheCheckpointDoesNotMoveAndTheRetryAppliesTheBatch() throws IOException {
        String[] batch = {resource("/azure/auditevent/operations.json"), activityLogDocument()};
        app.storeDown.set(true);

        assertThatThrownBy(() -> run(batch, FunctionApp.context(AzureFunctionNames.INGEST_MONITOR_LOGS)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("partition 3, sequence 1040")
                .hasMessageContaining("will be delivered again");
        assertThat(acmeKeys()).isZero();

        app.storeDown.set(false);
        FunctionsContext retry = FunctionApp.context(AzureFunctionNames.INGEST_MONITOR_LOGS);
        FunctionsOutput<String> rejected = run(batch, retry);

        assertThat(rejected.written()).isEmpty();
        assertThat(acmeKeys()).isPositive();
    }

    @Test
    void aRedeliveredBatchChangesNothing() throws IOException {
        String[] batch = {resource("/azure/auditevent/operations.json")};
        run(batch, FunctionApp.context(AzureFunctionNames.INGEST_MONITOR_LOGS));
        var before = app.memory.assets("acme", AssetQuery.ALL, PageRequest.first(PageRequest.MAX_LIMIT)).items();

        FunctionsContext again = FunctionApp.context(AzureFunctionNames.INGEST_MONITOR_LOGS);
        run(batch, again);

        assertThat(app.memory.assets("acme", AssetQuery.ALL, PageRequest.first(PageRequest.MAX_LIMIT)).items())
                .isEqualTo(before);
        // every key event comes back a duplicate; cryptographic uses fold into the usage rollup again, changing nothing
        assertThat(again.lines(Level.INFO).get(0)).contains(" 24 duplicates");
    }

    @Test
    void theTriggersMetadataNamesEachEventAndAMissingOneIsNamedByItsPlaceInTheBatch() {
        HubBatch batch = KeyLedgerFunctions.batch(new String[] {"{}", "{}"},
                new EventHubSystemProperties[] {new EventHubSystemProperties(7, "12", "t")}, null);

        assertThat(List.of(batch.events().get(0).id(0), batch.events().get(1).id(1)))
                .containsExactly("sequence 7", "event 1 of the batch");
    }
}
