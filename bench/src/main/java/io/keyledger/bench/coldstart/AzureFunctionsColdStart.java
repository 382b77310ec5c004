package io.keyledger.bench.coldstart;

import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import io.keyledger.azure.functions.KeyLedgerFunctions;
import io.keyledger.testkit.azure.FunctionsContext;
import io.keyledger.testkit.azure.FunctionsOutput;
import java.util.ServiceLoader;

/**
 * The Azure ingest entry point as the Functions Java worker runs it: the worker finds the injector through
 * ServiceLoader and asks it for {@link KeyLedgerFunctions} (which starts the Spring context and builds every
 * function from the function catalog), then calls {@code ingestMonitorLogs} with one Event Hub batch. The
 * resources are the production ones, built from the app settings: the Azure Tables store (on the Azurite the
 * harness started), the sweep queue's and the alert topic's clients (built without a network).
 */
public final class AzureFunctionsColdStart {

    private AzureFunctionsColdStart() {
    }

    public static void main(String[] args) throws Exception {
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
