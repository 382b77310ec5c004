package io.keyledger.core.store;

import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.PurgedRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Groups purged ledger records into runs of consecutive sequence numbers: every store reports them so. */
public final class PurgedRuns {

    private PurgedRuns() {
    }

    public static List<PurgedRun> of(List<LedgerRecord> removed) {
        List<LedgerRecord> sorted = new ArrayList<>(removed);
        sorted.sort(Comparator.comparingLong(LedgerRecord::sequence));
        List<PurgedRun> runs = new ArrayList<>();
        LedgerRecord first = null;
        LedgerRecord last = null;
        for (LedgerRecord r : sorted) {
            if (last != null && r.sequence() != last.sequence() + 1) {
                runs.add(new PurgedRun(first.sequence(), last.sequence(), first.previousHash(), last.hash()));
                first = null;
            }
            if (first == null) {
                first = r;
            }
            last = r;
        }
        if (first != null) {
            runs.add(new PurgedRun(first.sequence(), last.sequence(), first.previousHash(), last.hash()));
        }
        return runs;
    }
}
