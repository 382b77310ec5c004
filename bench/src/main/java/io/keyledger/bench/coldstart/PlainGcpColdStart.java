package io.keyledger.bench.coldstart;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.Decoders;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import io.keyledger.gcp.format.GcpDecoders;
import io.keyledger.gcp.functions.EventarcEnvelope;
import io.keyledger.gcp.functions.GoogleCloudResources;
import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.Optional;

/**
 * The same work as the Eventarc child without Spring: the same production resources of the environment (the
 * Firestore store on the emulator of {@code FIRESTORE_EMULATOR_HOST}, the Pub/Sub client of the alert topic),
 * the same CloudEvent put back in its structured form and ingested, from a plain main.
 */
public final class PlainGcpColdStart {

    private PlainGcpColdStart() {
    }

    public static void main(String[] args) {
        try (GoogleCloudResources gcp = GoogleCloudResources.fromEnvironment(System.getenv())) {
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
}
