package io.keyledger.azure.functions;

import java.util.List;
import java.util.Objects;

/**
 * An Event Hub event with at least one record that was not applied (malformed, or rejected by the
 * inventory), kept whole with the problems that name its records and fields: the function writes these to
 * the rejected-records container, so that nothing the hub delivered is lost when the checkpoint moves on.
 * Its good records were applied.
 */
public record RejectedEvent(String id, HubEvent event, List<String> problems) {

    public RejectedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        problems = List.copyOf(problems);
    }
}
