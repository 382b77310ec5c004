package io.keyledger.local.cli;

import io.keyledger.core.store.InventoryStore;
import io.keyledger.functions.report.ReportService;
import io.keyledger.functions.report.Reports;
import java.time.Clock;

/** The reports of a local run, with the tenant policies of the home directory (rotation limits among them). */
final class LocalReports {

    private LocalReports() {
    }

    static Reports of(InventoryStore store, HomeOptions home, Clock clock) {
        return new ReportService(store, clock, LocalAlerts.policies(home));
    }
}
