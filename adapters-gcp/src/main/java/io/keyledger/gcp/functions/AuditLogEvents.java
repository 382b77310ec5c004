package io.keyledger.gcp.functions;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import java.util.Objects;
import java.util.function.Function;

/**
 * Entry point of the Eventarc route: a CloudEvent function for {@code google.cloud.audit.log.v1.written}
 * events of {@code cloudkms.googleapis.com}, one Cloud Audit Log entry each (the same function takes the
 * {@code google.cloud.pubsub.topic.v1.messagePublished} events of a log sink's topic). The event goes back
 * into its structured form ({@link EventarcEnvelope}) and through the provider-neutral ingest,
 * {@value KeyLedgerGcpConfiguration#INGEST} in the function catalog.
 *
 * <p>An entry the decoders or the inventory refuse is reported and acknowledged; a store failure throws, so
 * that Eventarc delivers the event again (with the trigger's retry policy); a redelivered event is a
 * duplicate and changes nothing ({@link Deliveries}).
 */
public final class AuditLogEvents implements CloudEventsFunction, AutoCloseable {

    private final FunctionContext<Function<InboundMessage, IngestOutcome>> context;
    private final Function<InboundMessage, IngestOutcome> ingest;
    private final DeliveryReports reports;

    /** Called once per instance by the Functions Framework: builds the function and its clients. */
    public AuditLogEvents() {
        this(FunctionContext.start(KeyLedgerGcpConfiguration.INGEST, Function.class), DeliveryReports.standardOutput());
    }

    AuditLogEvents(FunctionContext<Function<InboundMessage, IngestOutcome>> context, DeliveryReports reports) {
        this.context = Objects.requireNonNull(context, "context");
        this.ingest = context.function();
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    @Override
    public void accept(CloudEvent event) {
        InboundMessage delivery = new InboundMessage(event.getId(), EventarcEnvelope.structured(event));
        Deliveries.settle(KeyLedgerGcpConfiguration.INGEST, delivery.id(), ingest.apply(delivery), reports);
    }

    @Override
    public void close() {
        context.close();
    }
}
