package io.keyledger.gcp.functions;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Entry point of the sweep's workers: a CloudEvent function for the sweep topic's
 * {@code google.cloud.pubsub.topic.v1.messagePublished} events (an Eventarc Pub/Sub trigger), one scope each.
 * The message's data is the {@link SweepRequest}; {@value KeyLedgerGcpConfiguration#SWEEP_SCOPE} in the
 * function catalog sweeps it, and publishes the rest of a scope cut short as a follow-up.
 *
 * <p>A message that can never be swept (not a sweep request, a tenant that does not match) is reported and
 * acknowledged; any other failure (the store, publishing the follow-up) throws, so that Eventarc delivers
 * the message again, and it is swept again from where it started, which changes nothing already done.
 */
public final class SweepMessages implements CloudEventsFunction, AutoCloseable {

    private final FunctionContext<Function<SweepRequest, ScopeSwept>> context;
    private final Function<SweepRequest, ScopeSwept> sweep;
    private final DeliveryReports reports;

    /** Called once per instance by the Functions Framework: builds the function and its clients. */
    public SweepMessages() {
        this(FunctionContext.start(KeyLedgerGcpConfiguration.SWEEP_SCOPE, Function.class),
                DeliveryReports.standardOutput());
    }

    SweepMessages(FunctionContext<Function<SweepRequest, ScopeSwept>> context, DeliveryReports reports) {
        this.context = Objects.requireNonNull(context, "context");
        this.sweep = context.function();
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    @Override
    public void accept(CloudEvent event) {
        SweepRequest request;
        try {
            request = request(event);
        } catch (IllegalArgumentException e) {
            reports.rejected(KeyLedgerGcpConfiguration.SWEEP_SCOPE, event.getId(), List.of(e.getMessage()));
            return;
        }
        try {
            sweep.apply(request);
        } catch (SweepRequestRefused e) {
            reports.rejected(KeyLedgerGcpConfiguration.SWEEP_SCOPE, event.getId(), List.of(e.getMessage()));
        }
    }

    /** The sweep request in the event's Pub/Sub message. */
    static SweepRequest request(CloudEvent event) {
        JsonNode data = EventarcEnvelope.json(EventarcEnvelope.data(event)).orElseThrow(() ->
                new IllegalArgumentException("event " + event.getId() + ": data is not a JSON object"));
        JsonNode message = data.path("message");
        JsonNode encoded = message.path("data");
        if (!encoded.isString()) {
            throw new IllegalArgumentException("event " + event.getId() + ": field 'message.data' is missing");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.asString().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event " + event.getId() + ": field 'message.data' is not base64");
        }
        return SweepRequest.fromJson(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        context.close();
    }
}
