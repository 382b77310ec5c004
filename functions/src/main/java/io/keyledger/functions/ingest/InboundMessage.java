package io.keyledger.functions.ingest;

import java.util.Objects;

/**
 * One message handed to an ingest function: an SQS message, an EventBridge event, a Pub/Sub push, an
 * Event Hub record, or an object read from storage.
 *
 * @param id   the platform's id for the message (what a partial-batch response names)
 * @param body its bytes: one or more audit records in any format the decoders know (plain or gzip)
 */
public record InboundMessage(String id, byte[] body) {

    public InboundMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
    }
}
