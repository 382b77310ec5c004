package io.keyledger.bench.coldstart;

import com.azure.data.tables.TableServiceClient;
import io.keyledger.azure.functions.FunctionAppSettings;
import io.keyledger.azure.tables.InventoryTables;
import java.util.Optional;

/**
 * Creates the inventory's tables of each name given, in the table service the environment's settings name, before
 * any cold start is timed: a deployment's template creates them, so the function app never does.
 */
public final class ColdStartTables {

    private ColdStartTables() {
    }

    public static void main(String[] args) {
        TableServiceClient client = FunctionAppSettings.fromEnvironment(System.getenv()).requireTables()
                .client(Optional.empty());
        for (String base : args) {
            InventoryTables.named(base).ensure(client);
        }
        System.exit(0);
    }
}
