package io.keyledger.bench.coldstart;

import io.keyledger.gcp.functions.AuditLogEvents;
import io.keyledger.gcp.functions.GcpSettings;
import io.keyledger.gcp.functions.GoogleCloudResources;
import io.keyledger.gcp.functions.KeyLedgerGcpConfiguration;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Eventarc entry point as Cloud Run functions run it: the Functions Framework creates
 * {@link AuditLogEvents} (which starts its Spring context and looks {@code ingestAuditLog} up in the function
 * catalog) and calls it with one audit-log CloudEvent. The resources are the production ones (the Pub/Sub
 * client of the alert topic, built without a network call) except the store, which is in memory.
 */
public final class EventarcColdStart {

    private EventarcColdStart() {
    }

    public static void main(String[] args) throws Exception {
        AtomicReference<InMemoryInventoryStore> store = new AtomicReference<>();
        KeyLedgerGcpConfiguration.overrideResources(() -> GoogleCloudResources
                .builder(GcpSettings.fromEnvironment(System.getenv()))
                .store(r -> {
                    store.set(new InMemoryInventoryStore(r.clock()));
                    return store.get();
                })
                .build());
        AuditLogEvents function = new AuditLogEvents();
        ChildReport.init();
        function.accept(GcpColdStartEvent.event());
        if (store.get().tenants().isEmpty()) {
            throw new IllegalStateException("expected one applied event");
        }
        ChildReport.first();
    }
}
