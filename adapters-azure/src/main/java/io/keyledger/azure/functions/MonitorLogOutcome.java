package io.keyledger.azure.functions;

import io.keyledger.functions.ingest.IngestOutcome;
import java.util.List;
import java.util.Objects;

/**
 * What became of an Event Hub batch: its tally, and the events that had records not applied.
 *
 * @param ingest   the batch's tally; its failed messages are the rejected events
 * @param rejected the events to keep in the rejected-records container
 */
public record MonitorLogOutcome(IngestOutcome ingest, List<RejectedEvent> rejected) {

    public MonitorLogOutcome {
        Objects.requireNonNull(ingest, "ingest");
        rejected = List.copyOf(rejected);
    }
}
