package io.keyledger.azure.functions;

import java.util.Objects;

/** A purge run that failed for some tenants: which, and why; what the others removed is in the summary. */
public final class PurgeFailedException extends RuntimeException {

    private final transient PurgeSummary summary;

    PurgeFailedException(PurgeSummary summary) {
        super("the purge failed for " + summary.failed().size() + " of " + (summary.failed().size()
                + summary.purged().size()) + " tenants: " + summary.failed());
        this.summary = Objects.requireNonNull(summary, "summary");
    }

    public PurgeSummary summary() {
        return summary;
    }
}
