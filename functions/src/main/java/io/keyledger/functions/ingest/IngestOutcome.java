package io.keyledger.functions.ingest;

import java.util.List;

/**
 * What became of a batch of messages.
 *
 * @param failedMessageIds the messages to deliver again (in a partial-batch response), in batch order
 * @param problems         one line per record that was not applied, naming the message, record and field
 */
public record IngestOutcome(int messages, int records, int applied, int duplicates, int ignored,
                            List<String> failedMessageIds, List<String> problems) {

    public IngestOutcome {
        failedMessageIds = List.copyOf(failedMessageIds);
        problems = List.copyOf(problems);
    }

    public boolean allSucceeded() {
        return failedMessageIds.isEmpty();
    }
}
