package io.keyledger.core.store;

import io.keyledger.core.sweep.SweepReport;

/**
 * The sweeps' completeness reports, listed in {@link SweepReportOrder}. Contract:
 * {@code SweepReportStoreContract} (in the testkit).
 */
public interface SweepReportStore {

    /** Keeps a sweep report of the tenant (replacing one with the same sweep id and scope). */
    void putSweepReport(SweepReport report);

    /** The tenant's sweep reports, newest first (by start, then sweep id and scope). */
    Page<SweepReport> sweepReports(String tenant, PageRequest page);
}
