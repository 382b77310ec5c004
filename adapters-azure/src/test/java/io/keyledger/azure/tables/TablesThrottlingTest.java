package io.keyledger.azure.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.azure.Azurite;
import io.keyledger.testkit.azure.ThrottlingProxy;
import io.keyledger.testkit.store.FaultRun;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code TableClient} throttled on the wire: a loopback proxy in front of Azurite answers some requests
 * {@code 429 TooManyRequests} (Cosmos DB for Table) or {@code 503 ServerBusy} (Storage) with {@code Retry-After},
 * as the services do. The SDK's retry policy waits and retries them; a burst longer than its retries fails the
 * store call, and the batch is delivered again. Nothing is lost or doubled, the inventory is the one ingested
 * without throttling, and the ledger verifies.
 */
class TablesThrottlingTest {

    private static LocalTables tables;
    private static ThrottlingProxy proxy;

    @BeforeAll
    static void start() {
        tables = LocalTables.start();
        proxy = ThrottlingProxy.start(URI.create("http://127.0.0.1:" + tables.port()), 11, 0.02, 5);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        tables.close();
    }

    @Test
    void ingestThrottledOnTheWireLosesAndDoublesNothing() {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        // the same client as a deployment's: the SDK's default retry policy, the account's connection string
        TableServiceClient throttled = new TableServiceClientBuilder().connectionString(
                "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey=" + Azurite.ACCOUNT_KEY
                        + ";TableEndpoint=" + proxy.endpoint() + "/" + Azurite.ACCOUNT + ";").buildClient();
        // FaultRun asks for the reference store first (ingested without faults), then the one under test
        Iterator<InventoryStore> stores = List.<InventoryStore>of(
                TablesInventoryStore.builder(tables.client(), tables.newTables()).clock(clock).build(),
                TablesInventoryStore.builder(throttled, tables.newTables()).clock(clock).build()).iterator();

        FaultRun.Figures figures = FaultRun.run(stores::next, 15, 0.0, FaultRun.stream(15, 20), 25, proxy::disable);
        System.out.println("wire throttling, Azure Tables: " + figures + "; answered 429 " + proxy.throttled429()
                + ", 503 " + proxy.throttled503() + ", forwarded " + proxy.forwarded());

        assertThat(proxy.throttled429()).isPositive();
        assertThat(proxy.throttled503()).isPositive();
        assertThat(figures.redeliveries()).as("a burst longer than the SDK's retries fails its batch").isPositive();
        // a batch fails only on a long burst (5 answers): the SDK retried the others itself, after their Retry-After
        assertThat(proxy.throttled429() + proxy.throttled503()).as("throttled answers the SDK retried")
                .isGreaterThan(5 * figures.redeliveries());
        assertThat(figures.lost()).isZero();
        assertThat(figures.doubled()).isZero();
        assertThat(figures.divergentKeys()).isZero();
        assertThat(figures.ledgerIntact()).isTrue();
    }
}
