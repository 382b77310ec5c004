package io.keyledger.bench.coldstart;

import io.keyledger.azure.format.AzureDecoders;
import io.keyledger.azure.functions.AzureFunctionAppResources;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.Decoders;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import io.keyledger.core.store.InventoryStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The same work as the Azure Functions child without Spring and without the worker's injector: the same
 * clients (the sweep queue's, the alert topic's), the same ingest of the same Event Hub event into the same
 * store (the Azure Tables store built from the app settings), from a plain main.
 */
public final class PlainAzureColdStart {

    private PlainAzureColdStart() {
    }

    public static void main(String[] args) {
        AzureFunctionAppResources azure = AzureFunctionAppResources.fromEnvironment(System.getenv());
        azure.sweepQueue();
        InventoryStore store = azure.store();
        CoreServices services = CoreServices.of(store, azure.clock(), CoreSettings.DEFAULTS
                .withTenants(azure.settings().tenants())
                .withPolicies(azure.settings().policy())
                .withAlertSinks(azure.alertSinks()));
        MessageIngester ingester = new MessageIngester(services.inventory(), Decoders.of(AzureDecoders.all()),
                Optional.empty());
        ChildReport.init();
        IngestOutcome outcome = ingester.ingest(List.of(new InboundMessage("partition 0, sequence 1",
                AzureColdStartEvent.events()[0].getBytes(StandardCharsets.UTF_8))), false);
        if (outcome.applied() == 0) {
            throw new IllegalStateException("expected applied events: " + outcome);
        }
        ChildReport.first();
        System.exit(0);
    }
}
