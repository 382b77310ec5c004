package io.keyledger.functions.ingest;

import java.util.List;

/**
 * What became of a batch of messages.
 *
 * @param failedMessageIds the messages to deliver again (in a partial-batch response), in batch order
 * @param problems         one line per record that was not applied, naming the message, record and field
 * @param retryMessageIds  those of the failed messages that failed for no fault of their own (the store
 *                         failed, or an earlier message of an ordered batch did): delivered again they can
 *                         succeed, where a message that failed for its content would fail the same way
 */
public record IngestOutcome(int messages, int records, int applied, int duplicates, int ignored,
                            List<String> failedMessageIds, List<String> problems, List<String> retryMessageIds) {

    public IngestOutcome {
        failedMessageIds = List.copyOf(failedMessageIds);
        problems = List.copyOf(problems);
        retryMessageIds = List.copyOf(retryMessageIds);
    }

    /** An outcome whose failures are all the messages' own. */
    public IngestOutcome(int messages, int records, int applied, int duplicates, int ignored,
                         List<String> failedMessageIds, List<String> problems) {
        this(messages, records, applied, duplicates, ignored, failedMessageIds, problems, List.of());
    }

    public boolean allSucceeded() {
        return failedMessageIds.isEmpty();
    }
}
