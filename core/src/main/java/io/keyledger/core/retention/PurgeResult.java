package io.keyledger.core.retention;

import java.util.List;

/** What a purge removed from one tenant. */
public record PurgeResult(int events, int ledgerRecords, int assets, List<PurgedRun> ledgerRuns) {

    public static final PurgeResult NOTHING = new PurgeResult(0, 0, 0, List.of());

    public PurgeResult {
        ledgerRuns = List.copyOf(ledgerRuns);
    }

    public boolean removedAnything() {
        return events + ledgerRecords + assets > 0;
    }
}
