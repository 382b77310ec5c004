package io.keyledger.bench.coldstart;

import io.keyledger.gcp.functions.AuditLogEvents;
import io.keyledger.gcp.functions.GoogleCloudResources;
import io.keyledger.gcp.functions.KeyLedgerGcpConfiguration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Eventarc entry point as Cloud Run functions run it: the Functions Framework creates
 * {@link AuditLogEvents} (which starts its Spring context and looks {@code ingestAuditLog} up in the function
 * catalog) and calls it with one audit-log CloudEvent. The resources are the production ones of the
 * environment ({@link KeyLedgerGcpConfiguration#production}: the Firestore store, on the emulator of
 * {@code FIRESTORE_EMULATOR_HOST}, and the Pub/Sub client of the alert topic, built without a network call);
 * they are only kept here, to check the event was stored once the figures are out.
 */
public final class EventarcColdStart {

    private EventarcColdStart() {
    }

    public static void main(String[] args) throws Exception {
        AtomicReference<GoogleCloudResources> built = new AtomicReference<>();
        KeyLedgerGcpConfiguration.overrideResources(() -> {
            built.set(KeyLedgerGcpConfiguration.production(System.getenv()));
            return built.get();
        });
        AuditLogEvents function = new AuditLogEvents();
        ChildReport.init();
        function.accept(GcpColdStartEvent.event());
        ChildReport.first();
        if (built.get().store().tenants().isEmpty()) {
            throw new IllegalStateException("expected one applied event");
        }
        function.close();
    }
}
