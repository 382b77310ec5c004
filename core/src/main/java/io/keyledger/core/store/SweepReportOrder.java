package io.keyledger.core.store;

import io.keyledger.core.sweep.SweepReport;
import java.time.Instant;

/** The order every store lists sweep reports in: newest first, then by sweep id and scope. */
public final class SweepReportOrder {

    private SweepReportOrder() {
    }

    /**
     * A key that sorts ascending in the listing order: the start instant's distance to the far future
     * (fixed width, so newer sorts first), then the sweep id and the scope.
     */
    public static String sortKey(SweepReport report) {
        long secondsToEnd = Instant.MAX.getEpochSecond() - report.startedAt().getEpochSecond();
        long nanosToEnd = 999_999_999L - report.startedAt().getNano();
        return String.format("%020d.%09d|%s|%s", secondsToEnd, nanosToEnd, report.sweepId(), report.scope().id());
    }
}
