package io.keyledger.azure.tables;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.keyledger.testkit.azure.Azurite;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azurite's Table service on a loopback port for one test class, a client on it that counts its requests,
 * and fresh tables per test.
 */
final class LocalTables implements AutoCloseable {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final Azurite azurite;
    private final TablesRequestCounter counter = new TablesRequestCounter();
    private final TableServiceClient client;

    private LocalTables(Azurite azurite) {
        this.azurite = azurite;
        this.client = new TableServiceClientBuilder().connectionString(azurite.connectionString()).addPolicy(counter)
                .buildClient();
    }

    static LocalTables start() {
        return new LocalTables(Azurite.start());
    }

    TableServiceClient client() {
        return client;
    }

    int port() {
        return azurite.tablePort();
    }

    TablesRequestCounter counter() {
        return counter;
    }

    /** New, empty tables. */
    InventoryTables newTables() {
        return InventoryTables.named("keyledger" + TABLES.incrementAndGet()).ensure(client);
    }

    @Override
    public void close() {
        azurite.close();
    }
}
