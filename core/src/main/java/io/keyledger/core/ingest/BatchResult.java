package io.keyledger.core.ingest;

import java.util.List;

/** What became of a batch: every event is applied, a duplicate, or rejected with a reason. */
public record BatchResult(int received, int applied, int duplicates, List<Rejection> rejected) {

    public BatchResult {
        rejected = List.copyOf(rejected);
    }

    public boolean allAccepted() {
        return rejected.isEmpty();
    }
}
