package io.keyledger.azure.tables;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.keyledger.testkit.azure.Azurite;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Azurite's Table service on a loopback port for one test class, a client on it that counts its requests,
 * and fresh tables per test. Registered as an extension ({@link #perClass()}), it starts before the class's first
 * test and stops after its last.
 */
final class LocalTables implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final TablesRequestCounter counter = new TablesRequestCounter();
    private Azurite azurite;
    private TableServiceClient client;
    private Class<?> owner;

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

    private void open() {
        azurite = Azurite.start();
        client = new TableServiceClientBuilder().connectionString(azurite.connectionString()).addPolicy(counter)
                .buildClient();
    }

    /** Opened once for the class that registers it, not again for its nested classes. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (azurite == null) {
            open();
            owner = context.getRequiredTestClass();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass() == owner) {
            close();
        }
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
