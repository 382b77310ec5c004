package io.keyledger.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.functions.HttpMethod;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.azure.FunctionsHttpRequest;
import io.keyledger.testkit.azure.FunctionsHttpResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ingestEventGrid} (one event per invocation, either schema) and {@code eventGridWebhook} (the same
 * events delivered to an HTTP endpoint, with both schemas' handshakes), called as the worker calls them.
 */
class EventGridFunctionsTest {

    private static final String WEBHOOK = "https://keyledger-fn.azurewebsites.net/api/eventgrid/keyvault?code=k3y";

    private FunctionApp app;

    @BeforeEach
    void start() throws Exception {
        app = FunctionApp.start();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    static List<String> events(String file) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode event : Json.mapper().readTree(MonitorLogsFunctionTest.resource("/azure/eventgrid/" + file))) {
            out.add(Json.write(event));
        }
        return out;
    }

    private long acmeKeys() {
        return app.memory.assets("acme", AssetQuery.ALL, PageRequest.first(PageRequest.MAX_LIMIT)).items().size();
    }

    private FunctionsHttpResponse webhook(FunctionsHttpRequest request) {
        return FunctionsHttpResponse.of(app.functions.eventGridWebhook(request,
                FunctionApp.context(AzureFunctionNames.EVENT_GRID_WEBHOOK)));
    }

    @Test
    void theTriggerIngestsEveryEventOfBothSchemas() throws IOException {
        for (String file : List.of("eventgrid-schema.json", "cloudevents-schema.json")) {
            for (String event : events(file)) {
                app.functions.ingestEventGrid(event, FunctionApp.context(AzureFunctionNames.INGEST_EVENT_GRID));
            }
        }

        assertThat(acmeKeys()).isPositive();
    }

    @Test
    void aBadEventFailsTheInvocationSoThatEventGridRetriesAndDeadLettersIt() throws IOException {
        ObjectNode bad = (ObjectNode) Json.mapper().readTree(events("eventgrid-schema.json").get(0));
        bad.put("eventTime", "not a time");

        assertThatThrownBy(() -> app.functions.ingestEventGrid(Json.write(bad),
                FunctionApp.context(AzureFunctionNames.INGEST_EVENT_GRID)))
                .isInstanceOf(IngestFailedException.class)
                .hasMessageContaining("eventTime");
    }

    @Test
    void theWebhookAnswersEventGridsSubscriptionValidationWithTheCode() {
        String validation = """
                [{"id": "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66", "topic": "/subscriptions/%s/resourceGroups/contoso-rg/providers/Microsoft.KeyVault/vaults/contoso-kv",
                  "subject": "", "data": {"validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
                  "validationUrl": "https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/keyledger/validate?id=512d38b6&t=2026-11-28T02:00:00Z&apiVersion=2025-02-15&token=abc"},
                  "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent", "eventTime": "2026-11-28T02:00:00Z",
                  "metadataVersion": "1", "dataVersion": "1"}]""".formatted(FunctionApp.SUBSCRIPTION);

        FunctionsHttpResponse response = webhook(FunctionsHttpRequest.post(WEBHOOK, validation)
                .header("aeg-event-type", "SubscriptionValidation"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.text()).path("validationResponse").asString())
                .isEqualTo("512d38b6-c7b8-40c8-89fe-f46f9e9622b6");
        assertThat(acmeKeys()).isZero();
    }

    @Test
    void theWebhookCompletesTheCloudEventsAbuseProtectionHandshakeForEventGridOnly() {
        FunctionsHttpResponse allowed = webhook(new FunctionsHttpRequest(HttpMethod.OPTIONS, WEBHOOK)
                .header("WebHook-Request-Origin", "eventgrid.azure.net"));
        FunctionsHttpResponse other = webhook(new FunctionsHttpRequest(HttpMethod.OPTIONS, WEBHOOK)
                .header("WebHook-Request-Origin", "attacker.example.com"));
        FunctionsHttpResponse none = webhook(new FunctionsHttpRequest(HttpMethod.OPTIONS, WEBHOOK));

        assertThat(allowed.getStatusCode()).isEqualTo(200);
        assertThat(allowed.getHeader("WebHook-Allowed-Origin")).isEqualTo("eventgrid.azure.net");
        assertThat(allowed.getHeader("WebHook-Allowed-Rate")).isEqualTo("*");
        assertThat(other.getStatusCode()).isEqualTo(403);
        assertThat(other.getHeader("WebHook-Allowed-Origin")).isNull();
        assertThat(other.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(none.getStatusCode()).isEqualTo(400);
    }

    @Test
    void theWebhookIngestsAnEventGridSchemaArrayACloudEventAndACloudEventsBatch() throws IOException {
        String eventGridArray = MonitorLogsFunctionTest.resource("/azure/eventgrid/eventgrid-schema.json");
        List<String> cloudEvents = events("cloudevents-schema.json");

        FunctionsHttpResponse array = webhook(FunctionsHttpRequest.post(WEBHOOK, eventGridArray)
                .header("aeg-event-type", "Notification").header("Content-Type", "application/json"));
        FunctionsHttpResponse single = webhook(FunctionsHttpRequest.post(WEBHOOK, cloudEvents.get(0))
                .header("Content-Type", "application/cloudevents+json; charset=utf-8"));
        FunctionsHttpResponse batch = webhook(FunctionsHttpRequest.post(WEBHOOK, "[" + String.join(",", cloudEvents) + "]")
                .header("Content-Type", "application/cloudevents-batch+json; charset=utf-8"));

        assertThat(List.of(array.getStatusCode(), single.getStatusCode(), batch.getStatusCode())).containsOnly(200);
        assertThat(Json.mapper().readTree(array.text()).path("applied").asInt()).isPositive();
        // the same events again, as CloudEvents: duplicates of the Event Grid schema's (same ids)
        assertThat(Json.mapper().readTree(batch.text()).path("applied").asInt()).isZero();
        assertThat(acmeKeys()).isPositive();
    }

    @Test
    void theWebhookAnswers400ForABadRecordSoThatEventGridDeadLettersIt503WhenTheStoreFailsAnd413ForTooMuch()
            throws IOException {
        List<String> good = events("eventgrid-schema.json");
        ObjectNode bad = (ObjectNode) Json.mapper().readTree(good.get(1));
        bad.put("eventTime", "not a time");

        FunctionsHttpResponse badRecord = webhook(FunctionsHttpRequest.post(WEBHOOK,
                "[" + good.get(0) + "," + Json.write(bad) + "]"));
        app.storeDown.set(true);
        FunctionsHttpResponse storeDown = webhook(FunctionsHttpRequest.post(WEBHOOK, "[" + good.get(2) + "]"));
        app.storeDown.set(false);
        FunctionsHttpResponse tooLarge = webhook(FunctionsHttpRequest.post(WEBHOOK,
                "[" + " ".repeat(EventGridWebhook.MAX_BODY) + "]"));

        assertThat(badRecord.getStatusCode()).isEqualTo(400);
        JsonNode problem = Json.mapper().readTree(badRecord.text());
        assertThat(problem.path("problems").get(0).asString()).contains("eventTime");
        assertThat(acmeKeys()).as("the good event of the delivery was applied").isPositive();
        assertThat(storeDown.getStatusCode()).isEqualTo(503);
        assertThat(storeDown.getHeader("Retry-After")).isEqualTo("30");
        assertThat(tooLarge.getStatusCode()).isEqualTo(413);
    }
}
