package io.keyledger.azure.tables;

import com.azure.data.tables.TableServiceClient;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The two tables a {@link TablesInventoryStore} keeps its data in, named after one base name: the
 * inventory ({@code <base>}, every tenant's records) and the tenant registry ({@code <base>tenants}, one
 * entity per tenant). docs/azure/TABLES.md describes the entities.
 *
 * @param inventory the table of every tenant's records
 * @param tenants   the table listing the tenants
 */
public record InventoryTables(String inventory, String tenants) {

    /** Table names: 3 to 63 letters and digits, starting with a letter. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");

    public InventoryTables {
        requireName(inventory, "inventory");
        requireName(tenants, "tenants");
        if (inventory.equalsIgnoreCase(tenants)) {
            throw new IllegalArgumentException("the inventory and tenant tables must differ: '" + inventory + "'");
        }
    }

    /** {@code <base>} and {@code <base>tenants}. */
    public static InventoryTables named(String base) {
        Objects.requireNonNull(base, "base");
        return new InventoryTables(base, base + "tenants");
    }

    /**
     * Creates the tables that do not exist yet (the deployment creates them; this is for tests, local runs
     * and tools). Cosmos DB for Table: switch time to live on for the inventory table as well
     * ({@code DefaultTimeToLive = -1}) if the store runs in {@link TablesRetention#COSMOS_TTL}.
     */
    public InventoryTables ensure(TableServiceClient service) {
        TableCalls.translate("Create Table", "create the table " + inventory, inventory,
                () -> service.createTableIfNotExists(inventory));
        TableCalls.translate("Create Table", "create the table " + tenants, tenants,
                () -> service.createTableIfNotExists(tenants));
        return this;
    }

    private static void requireName(String name, String field) {
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field '" + field + "': not a table name (3 to 63 letters and digits, "
                    + "starting with a letter): '" + name + "'");
        }
    }
}
