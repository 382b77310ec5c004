package io.keyledger.azure.functions;

import java.util.List;

/** The events of one Event Hub trigger invocation (cardinality many), in partition order. */
public record HubBatch(List<HubEvent> events) {

    public HubBatch {
        events = List.copyOf(events);
    }
}
