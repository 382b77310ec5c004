package io.keyledger.local.sqlite;

import io.keyledger.core.json.Json;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.SweepReportOrder;
import io.keyledger.core.store.SweepReportStore;
import io.keyledger.core.sweep.SweepReport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The sweep reports of a {@link SqliteInventoryStore}: table {@code sweep_reports}. */
final class SqliteSweepReports implements SweepReportStore {

    private final Database db;

    SqliteSweepReports(Database db) {
        this.db = db;
    }

    @Override
    public void putSweepReport(SweepReport report) {
        db.call("keep a sweep report", d -> {
            PreparedStatement s = d.prepare("INSERT INTO sweep_reports (tenant, sort_key, json) VALUES (?, ?, ?)"
                    + " ON CONFLICT (tenant, sort_key) DO UPDATE SET json = excluded.json");
            s.setString(1, report.tenant());
            s.setString(2, SweepReportOrder.sortKey(report));
            s.setString(3, Json.write(report));
            return s.executeUpdate();
        });
    }

    @Override
    public Page<SweepReport> sweepReports(String tenant, PageRequest page) {
        Objects.requireNonNull(tenant, "tenant");
        return db.call("list sweep reports", d -> {
            PreparedStatement s = d.prepare("SELECT sort_key, json FROM sweep_reports WHERE tenant = ? AND sort_key > ?"
                    + " ORDER BY sort_key LIMIT ?");
            s.setString(1, tenant);
            s.setString(2, page.cursor().map(Cursors::decode).orElse(""));
            s.setInt(3, page.limit() + 1);
            List<SweepReport> items = new ArrayList<>();
            String last = null;
            boolean more = false;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == page.limit()) {
                        more = true;
                        break;
                    }
                    last = rs.getString(1);
                    items.add(Json.read(rs.getString(2), SweepReport.class));
                }
            }
            return new Page<>(items, more ? Optional.of(Cursors.encode(last)) : Optional.empty());
        });
    }
}
