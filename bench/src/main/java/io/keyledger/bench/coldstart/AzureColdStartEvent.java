package io.keyledger.bench.coldstart;

import io.keyledger.azure.format.AzureDemo;
import io.keyledger.azure.functions.EventHubPartitionContext;
import io.keyledger.azure.functions.EventHubSystemProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one Event Hub batch every Azure child ingests: the demo's Key Vault / Managed HSM AuditEvent document
 * ({@code {"records": [...]}}), as one event, with the trigger's metadata; and the settings of the children.
 */
final class AzureColdStartEvent {

    private AzureColdStartEvent() {
    }

    static String[] events() {
        String file = AzureDemo.sampleFiles().stream().filter(f -> f.contains("auditevent")).findFirst().orElseThrow();
        try (InputStream in = AzureDemo.open(file)) {
            return new String[] {new String(in.readAllBytes(), StandardCharsets.UTF_8)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EventHubSystemProperties[] properties() {
        return new EventHubSystemProperties[] {new EventHubSystemProperties(1, "0", "2026-11-28T02:00:00Z")};
    }

    static EventHubPartitionContext partition() {
        return new EventHubPartitionContext("0", "keyledger-logs");
    }

    /** The function app's settings: the production clients are built against these, and never called. */
    static Map<String, String> settings() {
        return Map.of(
                "KEYLEDGER_QUEUES__queueServiceUri", "https://keyledgerbench.queue.core.windows.net",
                "KEYLEDGER_SWEEP_QUEUE", "keyledger-sweep",
                "KEYLEDGER_ALERT_TOPIC_ENDPOINT", "https://keyledger-alerts.westeurope-1.eventgrid.azure.net/api/events",
                "KEYLEDGER_APP_SERVICE_AUTH", "true",
                "KEYLEDGER_ADMIN_PRINCIPALS", "{\"principals\": []}",
                "AZURE_CLIENT_ID", "00000000-0000-4000-8000-000000000001");
    }
}
