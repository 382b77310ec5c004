package io.keyledger.core.report;

import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.SweepReportStore;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest sweep of each scope, from the tenant's sweep reports read newest first until they are older
 * than {@code staleBefore} (an older sweep counts for nothing but the date of the last sweep).
 */
final class SweepFacts {

    /** What the latest sweep of one scope found. */
    record ScopeSweep(String provider, Instant finishedAt, boolean partial, double inventoryCoverage,
                      double eventCoverage, long untracked, long missing, long drifted) {
    }

    /** The latest sweep per scope id; a complete one wins over a newer partial one for completeness. */
    final Map<String, ScopeSweep> latest = new TreeMap<>();
    final Map<String, ScopeSweep> latestComplete = new TreeMap<>();
    Optional<Instant> lastFinishedAt = Optional.empty();
    long sweepsRead;

    static SweepFacts gather(SweepReportStore store, String tenant, Instant staleBefore) {
        SweepFacts f = new SweepFacts();
        PageRequest request = PageRequest.first(SweepsReport.PAGE_SIZE);
        while (true) {
            Page<SweepReport> page = store.sweepReports(tenant, request);
            for (SweepReport r : page.items()) {
                if (f.lastFinishedAt.isEmpty() || r.finishedAt().isAfter(f.lastFinishedAt.get())) {
                    f.lastFinishedAt = Optional.of(r.finishedAt());
                }
                if (r.startedAt().isBefore(staleBefore)) {
                    return f;
                }
                f.add(r);
            }
            if (page.nextCursor().isEmpty()) {
                return f;
            }
            request = request.next(page.nextCursor().get());
        }
    }

    private void add(SweepReport r) {
        sweepsRead++;
        Map<KeyClass, Long> counts = r.counts();
        ScopeSweep s = new ScopeSweep(r.scope().provider().code(), r.finishedAt(), r.partial(), r.inventoryCoverage(),
                r.eventCoverage(), counts.get(KeyClass.UNTRACKED), counts.get(KeyClass.MISSING),
                counts.get(KeyClass.DRIFTED));
        latest.putIfAbsent(r.scope().id(), s);
        if (!r.partial()) {
            latestComplete.putIfAbsent(r.scope().id(), s);
        }
    }
}
