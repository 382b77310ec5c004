package io.keyledger.azure.tables;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a deployment's Tables store is and how it retains, from the function app's settings
 * (docs/azure/TABLES.md): either an endpoint reached with the app's identity (deployments), or a connection string
 * (local runs on Azurite).
 *
 * @param connectionString {@code KEYLEDGER_TABLES_CONNECTION}; else, only when no endpoint is set either, the host's
 *                         storage connection {@code AzureWebJobsStorage} when that is a connection string
 * @param endpoint         {@code KEYLEDGER_TABLES_ENDPOINT} ({@code https://<account>.table.core.windows.net} or
 *                         {@code https://<account>.table.cosmos.azure.com}), used with a token credential when no
 *                         connection string is given
 * @param tables           {@code KEYLEDGER_TABLE}: the base name of the two tables (default {@code keyledger})
 * @param retention        {@code KEYLEDGER_TABLES_RETENTION}: {@code storage} (default) or {@code cosmos-ttl}
 */
public record TablesSettings(Optional<String> connectionString, Optional<String> endpoint, InventoryTables tables,
                             TablesRetention retention) {

    public static final String ENV_CONNECTION = "KEYLEDGER_TABLES_CONNECTION";
    public static final String ENV_FUNCTIONS_STORAGE = "AzureWebJobsStorage";
    public static final String ENV_ENDPOINT = "KEYLEDGER_TABLES_ENDPOINT";
    public static final String ENV_TABLE = "KEYLEDGER_TABLE";
    public static final String ENV_RETENTION = "KEYLEDGER_TABLES_RETENTION";

    public TablesSettings {
        Objects.requireNonNull(connectionString, "connectionString");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(retention, "retention");
        if (connectionString.isEmpty() && endpoint.isEmpty()) {
            throw new IllegalArgumentException("the Tables store needs " + ENV_CONNECTION + " (or " + ENV_FUNCTIONS_STORAGE
                    + ") or " + ENV_ENDPOINT);
        }
    }

    /** @throws IllegalArgumentException naming the setting that is missing or malformed */
    public static TablesSettings fromEnvironment(Map<String, String> env) {
        Optional<String> endpoint = value(env, ENV_ENDPOINT);
        // The host's storage is the inventory's only when nothing else names it: an endpoint set beside an old
        // connection string in AzureWebJobsStorage must not send the inventory to the host's account.
        Optional<String> connection = value(env, ENV_CONNECTION)
                .or(() -> endpoint.isEmpty() ? value(env, ENV_FUNCTIONS_STORAGE) : Optional.empty());
        InventoryTables tables;
        try {
            tables = InventoryTables.named(value(env, ENV_TABLE).orElse("keyledger"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV_TABLE + ": " + e.getMessage(), e);
        }
        TablesRetention retention = switch (value(env, ENV_RETENTION).orElse("storage").toLowerCase(Locale.ROOT)) {
            case "storage" -> TablesRetention.STORAGE_PURGE;
            case "cosmos-ttl" -> TablesRetention.COSMOS_TTL;
            default -> throw new IllegalArgumentException(ENV_RETENTION + ": expected storage or cosmos-ttl, not '"
                    + env.get(ENV_RETENTION) + "'");
        };
        return new TablesSettings(connection, endpoint, tables, retention);
    }

    /**
     * The client these settings name: by connection string, or by endpoint with {@code identity} (the function
     * app's managed identity; ignored when a connection string is given).
     */
    public TableServiceClient client(Optional<TokenCredential> identity) {
        return client(identity, Optional.empty());
    }

    /** The same, counting its requests with {@code counter}. */
    public TableServiceClient client(Optional<TokenCredential> identity, TablesRequestCounter counter) {
        return client(identity, Optional.of(counter));
    }

    private TableServiceClient client(Optional<TokenCredential> identity, Optional<TablesRequestCounter> counter) {
        TableServiceClientBuilder builder = new TableServiceClientBuilder();
        counter.ifPresent(builder::addPolicy);
        if (connectionString.isPresent()) {
            return builder.connectionString(connectionString.get()).buildClient();
        }
        return builder.endpoint(endpoint.orElseThrow()).credential(identity.orElseThrow(() -> new IllegalArgumentException(
                ENV_ENDPOINT + " is set without a connection string: a token credential is needed"))).buildClient();
    }

    /** The store on {@code client}, the tables as named here, reading time through {@code clock}. */
    public TablesInventoryStore store(TableServiceClient client, Clock clock) {
        return TablesInventoryStore.builder(client, tables).clock(clock).retention(retention).build();
    }

    /** Says where the tables are, never what a connection string holds (its account key). */
    @Override
    public String toString() {
        return "TablesSettings[" + (connectionString.isPresent() ? "connectionString=(set)" : "endpoint=" + endpoint.orElseThrow())
                + ", tables=" + tables + ", retention=" + retention + "]";
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
