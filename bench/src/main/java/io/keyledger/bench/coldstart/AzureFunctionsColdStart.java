package io.keyledger.bench.coldstart;

import com.azure.storage.queue.QueueClient;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import io.keyledger.azure.functions.AzureFunctionAppResources;
import io.keyledger.azure.functions.FunctionAppResources;
import io.keyledger.azure.functions.FunctionAppSettings;
import io.keyledger.azure.functions.KeyLedgerAzureConfiguration;
import io.keyledger.azure.functions.KeyLedgerFunctions;
import io.keyledger.azure.keyvault.VaultScopes;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.azure.FunctionsContext;
import io.keyledger.testkit.azure.FunctionsOutput;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Clock;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The Azure ingest entry point as the Functions Java worker runs it: the worker finds the injector through
 * ServiceLoader and asks it for {@link KeyLedgerFunctions} (which starts the Spring context and builds every
 * function from the function catalog), then calls {@code ingestMonitorLogs} with one Event Hub batch. The
 * resources are the production ones (the sweep queue's and the alert topic's clients, built without a
 * network) except the store, which is in memory.
 */
public final class AzureFunctionsColdStart {

    private AzureFunctionsColdStart() {
    }

    public static void main(String[] args) throws Exception {
        KeyLedgerAzureConfiguration.overrideResources(() -> {
            AzureFunctionAppResources azure = AzureFunctionAppResources.fromEnvironment(System.getenv());
            InventoryStore store = new InMemoryInventoryStore(azure.clock());
            return new FunctionAppResources() {
                @Override
                public FunctionAppSettings settings() {
                    return azure.settings();
                }

                @Override
                public Clock clock() {
                    return azure.clock();
                }

                @Override
                public InventoryStore store() {
                    return store;
                }

                @Override
                public List<AlertSink> alertSinks() {
                    return azure.alertSinks();
                }

                @Override
                public VaultScopes vaultScopes() {
                    return azure.vaultScopes();
                }

                @Override
                public QueueClient sweepQueue() {
                    return azure.sweepQueue();
                }
            };
        });
        FunctionInstanceInjector injector = ServiceLoader.load(FunctionInstanceInjector.class).findFirst().orElseThrow();
        KeyLedgerFunctions functions = injector.getInstance(KeyLedgerFunctions.class);
        ChildReport.init();
        FunctionsContext context = new FunctionsContext("c01d5a17-0000-4000-8000-000000000002", "ingestMonitorLogs");
        functions.ingestMonitorLogs(AzureColdStartEvent.events(), AzureColdStartEvent.properties(),
                AzureColdStartEvent.partition(), new FunctionsOutput<>(), context);
        String summary = context.lines(java.util.logging.Level.INFO).get(0);
        if (summary.contains(" 0 applied")) {
            throw new IllegalStateException("expected applied events: " + summary);
        }
        ChildReport.first();
        System.exit(0);
    }

}
