package io.keyledger.azure.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.azure.format.AzureDecoders;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.ReferenceIngest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bundled Key Vault AuditEvent log ingested into the Tables store on Azurite: the same inventory as the
 * in-memory store, an intact ledger, and the store requests each event costs (printed for the docs and the
 * bench): a new state-changing event, its redelivery, and a cryptographic use.
 */
class IngestOnTablesTest {

    private static final String LOG = "/io/keyledger/azure/demo/keyvault-auditevent.json";
    @RegisterExtension
    static final LocalTables tables = LocalTables.perClass();

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final ReferenceIngest ingest = new ReferenceIngest(clock, TenantResolver.single("acme"), "acme");

    private List<KeyEvent> logEvents() throws IOException {
        return ReferenceIngest.logEvents(IngestOnTablesTest.class, LOG, AzureDecoders.all());
    }

    @Test
    void theInventoryIsTheInMemoryStoresAndEachEventCostsAFewRequests() throws IOException {
        List<KeyEvent> events = logEvents();
        List<KeyEvent> changes = events.stream().filter(e -> e.action() != Action.USE).toList();
        List<KeyEvent> uses = events.stream().filter(e -> e.action() == Action.USE).toList();
        assertThat(changes).isNotEmpty();
        assertThat(uses).isNotEmpty();
        InMemoryInventoryStore reference = ingest.reference(changes);
        ingest.service(reference).apply(uses);
        TablesInventoryStore store = TablesInventoryStore.create(tables.client(), tables.newTables().inventory(), clock);
        InventoryService inventory = ingest.service(store);

        TablesRequestCounter.Snapshot start = tables.counter().snapshot();
        BatchResult first = inventory.apply(changes);
        TablesRequestCounter.Snapshot afterChanges = tables.counter().snapshot();
        BatchResult again = inventory.apply(changes);
        TablesRequestCounter.Snapshot afterRedelivery = tables.counter().snapshot();
        inventory.apply(uses);
        TablesRequestCounter.Snapshot afterUses = tables.counter().snapshot();

        TablesRequestCounter.Snapshot fresh = afterChanges.minus(start);
        TablesRequestCounter.Snapshot redelivered = afterRedelivery.minus(afterChanges);
        TablesRequestCounter.Snapshot used = afterUses.minus(afterRedelivery);
        assertThat(first.allAccepted()).isTrue();
        assertThat(again.duplicates()).isEqualTo(changes.size());
        assertThat(ingest.inventory(store)).isEqualTo(ingest.inventory(reference));
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();

        System.out.printf("Azure Tables (Azurite) per ingested event: new state-changing event (%d): %.2f writes, "
                        + "%.2f reads; redelivery: %.2f writes, %.2f reads; use (%d): %.2f writes, %.2f reads%n"
                        + "  new: %s%n  redelivered: %s%n  uses: %s%n",
                changes.size(), per(fresh.writeRequests(), changes), per(fresh.readRequests(), changes),
                per(redelivered.writeRequests(), changes), per(redelivered.readRequests(), changes),
                uses.size(), per(used.writeRequests(), uses), per(used.readRequests(), uses),
                fresh.requests(), redelivered.requests(), used.requests());
        assertThat(redelivered.writeRequests()).as("a redelivery writes nothing").isZero();
    }

    private static double per(long requests, List<KeyEvent> events) {
        return (double) requests / events.size();
    }
}
