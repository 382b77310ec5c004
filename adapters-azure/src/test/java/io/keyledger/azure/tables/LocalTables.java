package io.keyledger.azure.tables;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.keyledger.testkit.azure.Azurite;
import io.keyledger.testkit.emulator.PerClassResource;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azurite's Table service on a loopback port for one test class, a client on it that counts its requests,
 * and fresh tables per test. Registered as an extension ({@link #perClass()}), it starts before the class's first
 * test and stops after its last.
 */
final class LocalTables extends PerClassResource {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final TablesRequestCounter counter = new TablesRequestCounter();
    private Azurite azurite;
    private TableServiceClient client;

    private LocalTables() {
    }

    /** Started now, for a caller that closes it itself. */
    static LocalTables start() {
        LocalTables local = new LocalTables();
        local.open();
        return local;
    }

    /** Started and stopped around one test class: {@code @RegisterExtension static final LocalTables ...}. */
    static LocalTables perClass() {
        return new LocalTables();
    }

    @Override
    protected void open() {
        azurite = Azurite.start();
        client = new TableServiceClientBuilder().connectionString(azurite.connectionString()).addPolicy(counter)
                .buildClient();
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
