package io.keyledger.testkit.store;

import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.SweepReportOrder;
import io.keyledger.core.store.SweepReportStore;
import io.keyledger.core.sweep.SweepReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/** The sweep reports of an {@link InMemoryInventoryStore}. */
final class InMemorySweepReports implements SweepReportStore {

    private final InMemoryTenants tenants;

    InMemorySweepReports(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public void putSweepReport(SweepReport report) {
        synchronized (tenants) {
            tenants.data(report.tenant()).sweepReports.put(SweepReportOrder.sortKey(report), report);
        }
    }

    @Override
    public Page<SweepReport> sweepReports(String tenant, PageRequest page) {
        synchronized (tenants) {
            Optional<InMemoryTenants.Data> d = tenants.existing(tenant);
            if (d.isEmpty()) {
                return new Page<>(List.of(), Optional.empty());
            }
            NavigableMap<String, SweepReport> range = page.cursor()
                    .map(c -> d.get().sweepReports.tailMap(Cursors.decode(c), false)).orElse(d.get().sweepReports);
            List<SweepReport> items = new ArrayList<>();
            String last = null;
            for (Map.Entry<String, SweepReport> e : range.entrySet()) {
                if (items.size() == page.limit()) {
                    return new Page<>(items, Optional.of(Cursors.encode(last)));
                }
                items.add(e.getValue());
                last = e.getKey();
            }
            return new Page<>(items, Optional.empty());
        }
    }
}
