package io.keyledger.azure.functions;

import java.util.Objects;
import java.util.Optional;

/**
 * One Event Hub event as the trigger hands it over: a diagnostic settings document
 * ({@code {"records": [...]}}: Key Vault AuditEvent or Activity Log records) and where it lies in the hub.
 *
 * @param partition      the partition it was read from (empty when the trigger did not say)
 * @param sequenceNumber its sequence number in the partition (empty when the trigger did not say)
 * @param offset         its offset in the partition, as the trigger gave it
 * @param enqueuedTime   when Event Hubs received it, as the trigger gave it
 */
public record HubEvent(Optional<String> partition, Optional<Long> sequenceNumber, Optional<String> offset,
                       Optional<String> enqueuedTime, String body) {

    public HubEvent {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(enqueuedTime, "enqueuedTime");
        Objects.requireNonNull(body, "body");
    }

    /** How problems and logs name the event: "partition 3, sequence 1042", or its index in the batch. */
    public String id(int index) {
        if (sequenceNumber.isEmpty()) {
            return "event " + index + " of the batch";
        }
        return partition.map(p -> "partition " + p + ", ").orElse("") + "sequence " + sequenceNumber.get();
    }
}
