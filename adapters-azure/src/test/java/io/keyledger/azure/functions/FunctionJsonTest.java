package io.keyledger.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** function.json as the build writes it from the annotations of {@link KeyLedgerFunctions}. */
class FunctionJsonTest {

    private final Map<String, ObjectNode> functions = FunctionAppFolder.functionJson(KeyLedgerFunctions.class);

    @Test
    void everyFunctionIsWrittenWithItsEntryPointAndTheJar() {
        assertThat(functions).containsOnlyKeys(AzureFunctionNames.ALL);
        functions.forEach((name, json) -> {
            assertThat(json.path("scriptFile").asString()).isEqualTo("../keyledger-azure-functions.jar");
            assertThat(json.path("entryPoint").asString()).isEqualTo(KeyLedgerFunctions.class.getName() + "." + name);
        });
    }

    @Test
    void theBindingsAreTheHostsNames() {
        JsonNode hub = functions.get(AzureFunctionNames.INGEST_MONITOR_LOGS);
        assertThat(hub.path("bindings").get(0).path("cardinality").asString()).isEqualTo("many");
        assertThat(hub.path("retry").path("maxRetryCount").asInt()).isEqualTo(-1);
        JsonNode api = functions.get(AzureFunctionNames.ADMIN_API).path("bindings");
        assertThat(api.get(0).path("authLevel").asString()).isEqualTo("anonymous");
        assertThat(api.get(0).path("route").asString()).isEqualTo(AzureFunctionNames.ADMIN_API_ROUTE);
        assertThat(api.get(1).toString()).isEqualTo("{\"type\":\"http\",\"direction\":\"out\",\"name\":\"$return\"}");
        JsonNode webhook = functions.get(AzureFunctionNames.EVENT_GRID_WEBHOOK).path("bindings").get(0);
        assertThat(webhook.path("authLevel").asString()).isEqualTo("function");
        assertThat(webhook.path("methods").toString()).isEqualTo("[\"post\",\"options\"]");
        JsonNode queue = functions.get(AzureFunctionNames.SWEEP_VAULT).path("bindings");
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).path("queueName").asString()).isEqualTo("%KEYLEDGER_SWEEP_QUEUE%");
    }

    /** A function with a binding the writer has no mapping for. */
    public static final class Unknown {
        @FunctionName("fromServiceBus")
        public void run(@ServiceBusQueueTrigger(name = "m", queueName = "q", connection = "c") String message) {
            // never called
        }
    }

    @Test
    void aBindingTheWriterDoesNotKnowFailsTheBuild() {
        assertThatThrownBy(() -> FunctionAppFolder.functionJson(Unknown.class))
                .hasMessageContaining("run: parameter").hasMessageContaining("ServiceBusQueueTrigger");
    }
}
