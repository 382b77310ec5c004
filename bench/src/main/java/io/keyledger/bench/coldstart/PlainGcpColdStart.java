package io.keyledger.bench.coldstart;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.Decoders;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import io.keyledger.gcp.format.GcpDecoders;
import io.keyledger.gcp.functions.EventarcEnvelope;
import io.keyledger.gcp.functions.GcpSettings;
import io.keyledger.gcp.functions.GoogleCloudResources;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.Optional;

/**
 * The same work as the Eventarc child without Spring: the same production resources (the Pub/Sub client of
 * the alert topic), the same CloudEvent put back in its structured form and ingested into an in-memory
 * store, from a plain main.
 */
public final class PlainGcpColdStart {

    private PlainGcpColdStart() {
    }

    public static void main(String[] args) {
        GoogleCloudResources gcp = GoogleCloudResources.builder(GcpSettings.fromEnvironment(System.getenv()))
                .store(r -> new InMemoryInventoryStore(r.clock())).build();
        CoreServices services = CoreServices.of(gcp.store(), gcp.clock(), CoreSettings.DEFAULTS
                .withTenants(gcp.settings().tenants())
                .withPolicies(gcp.settings().policy())
                .withAlertSinks(gcp.alertSinks()));
        MessageIngester ingester = new MessageIngester(services.inventory(), Decoders.of(GcpDecoders.all()),
                Optional.empty());
        ChildReport.init();
        CloudEvent event = GcpColdStartEvent.event();
        IngestOutcome outcome = ingester.ingest(List.of(new InboundMessage(event.getId(),
                EventarcEnvelope.structured(event))), false);
        if (outcome.applied() != 1) {
            throw new IllegalStateException("expected one applied event: " + outcome);
        }
        ChildReport.first();
    }
}
