package io.keyledger.azure.functions;

import java.util.Objects;

/**
 * What Event Grid delivered to the function: one event (the Event Grid trigger) in either schema, or a
 * webhook request's body (an Event Grid schema array, a CloudEvent, or a CloudEvents batch).
 *
 * @param id how problems and logs name it (the invocation id)
 */
public record EventGridDelivery(String id, byte[] body) {

    public EventGridDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
    }
}
