package io.keyledger.gcp.functions;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;

/**
 * Entry point of the ledger's signing function: a CloudEvent function for the checkpoint topic's
 * {@code google.cloud.pubsub.topic.v1.messagePublished} events (an Eventarc Pub/Sub trigger), one tenant's request
 * each, signed by {@value KeyLedgerGcpConfiguration#SIGN_CHECKPOINTS} with the Cloud KMS ledger key. It runs as its
 * own service account, the only one granted {@code cloudkms.cryptoKeyVersions.useToSign} on the key.
 *
 * <p>A message that is no checkpoint request is reported and acknowledged; a head the signer refuses, or a failure
 * of the store or of Cloud KMS, throws, so that Eventarc delivers the message again.
 */
public final class CheckpointMessages implements CloudEventsFunction, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CheckpointMessages.class.getName());

    private final FunctionContext<Function<String, String>> context;
    private final Function<String, String> sign;
    private final DeliveryReports reports;

    /** Called once per instance by the Functions Framework: builds the function and its clients. */
    public CheckpointMessages() {
        this(FunctionContext.start(KeyLedgerGcpConfiguration.SIGN_CHECKPOINTS, Function.class),
                DeliveryReports.standardOutput());
    }

    CheckpointMessages(FunctionContext<Function<String, String>> context, DeliveryReports reports) {
        this.context = Objects.requireNonNull(context, "context");
        this.sign = context.function();
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    @Override
    public void accept(CloudEvent event) {
        String request;
        try {
            request = request(event);
        } catch (IllegalArgumentException e) {
            reports.rejected(KeyLedgerGcpConfiguration.SIGN_CHECKPOINTS, event.getId(), List.of(e.getMessage()));
            return;
        }
        String signed;
        try {
            signed = sign.apply(request);
        } catch (IllegalArgumentException e) {
            reports.rejected(KeyLedgerGcpConfiguration.SIGN_CHECKPOINTS, event.getId(), List.of(e.getMessage()));
            return;
        }
        LOG.info(() -> KeyLedgerGcpConfiguration.SIGN_CHECKPOINTS + ": " + signed);
    }

    /** The request in the event's Pub/Sub message. */
    static String request(CloudEvent event) {
        JsonNode data = EventarcEnvelope.json(EventarcEnvelope.data(event)).orElseThrow(() ->
                new IllegalArgumentException("event " + event.getId() + ": data is not a JSON object"));
        JsonNode encoded = data.path("message").path("data");
        if (!encoded.isString()) {
            throw new IllegalArgumentException("event " + event.getId() + ": field 'message.data' is missing");
        }
        try {
            return new String(Base64.getDecoder().decode(encoded.asString().trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event " + event.getId() + ": field 'message.data' is not base64");
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
