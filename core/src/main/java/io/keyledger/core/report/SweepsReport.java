package io.keyledger.core.report;

import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.SweepReportStore;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweptKey;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sweep (reconciliation) reports of a tenant, newest first, optionally those started in
 * {@code [from, to)}: per sweep and scope the counts per class, the coverage, why it was partial, and its
 * findings, the keys that were untracked, missing or drifted (or could be read only partially).
 * Confirmed keys are counted, not listed.
 *
 * <p>JSON nests the findings in each sweep; CSV has a row per finding, repeating its sweep's columns, and
 * one row with empty key columns for a sweep without findings.
 */
public final class SweepsReport {

    /** Sweep reports read at once: each holds its scope's swept keys. */
    static final int PAGE_SIZE = 10;

    private final SweepReportStore store;
    private final Clock clock;

    public SweepsReport(SweepReportStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One sweep report with its figures, counted once (a report may hold 100,000 swept keys). */
    record Sweep(SweepReport report, Map<KeyClass, Long> counts, long inCloud, double inventoryCoverage,
                 double eventCoverage, List<SweptKey> findings) {

        static Sweep of(SweepReport r) {
            return new Sweep(r, r.counts(), r.inCloud(), r.inventoryCoverage(), r.eventCoverage(), SweepsReport.findings(r));
        }
    }

    record Finding(Sweep sweep, Optional<SweptKey> key) {
    }

    private static final List<Column<Sweep>> SWEEP = List.of(
            Column.of("sweepId", s -> s.report().sweepId()),
            Column.of("scope", s -> s.report().scope().id()),
            Column.of("provider", s -> s.report().scope().provider().code()),
            Column.of("account", s -> s.report().scope().account()),
            Column.of("location", s -> s.report().scope().location()),
            Column.of("startedAt", s -> s.report().startedAt()),
            Column.of("finishedAt", s -> s.report().finishedAt()),
            Column.of("durationSeconds", s -> s.report().duration().toMillis() / 1000.0),
            Column.of("partial", s -> s.report().partial()),
            Column.of("partialReason", s -> s.report().partialReason()),
            Column.of("inCloud", Sweep::inCloud),
            Column.of("confirmed", s -> s.counts().get(KeyClass.CONFIRMED)),
            Column.of("untracked", s -> s.counts().get(KeyClass.UNTRACKED)),
            Column.of("missing", s -> s.counts().get(KeyClass.MISSING)),
            Column.of("drifted", s -> s.counts().get(KeyClass.DRIFTED)),
            Column.of("corrections", s -> s.report().corrections()),
            Column.of("apiCalls", s -> s.report().apiCalls()),
            Column.of("inventoryCoverage", Sweep::inventoryCoverage),
            Column.of("eventCoverage", Sweep::eventCoverage));

    static final List<Column<Finding>> CSV_COLUMNS = csvColumns();

    static final List<Column<Sweep>> JSON_COLUMNS = jsonColumns();

    private static List<Column<Finding>> csvColumns() {
        List<Column<Finding>> out = new ArrayList<>();
        for (Column<Sweep> c : SWEEP) {
            out.add(Column.of(c.name(), f -> c.value().apply(f.sweep())));
        }
        out.add(Column.of("keyId", f -> f.key().map(SweptKey::keyId)));
        out.add(Column.of("keyClass", f -> f.key().map(SweptKey::keyClass)));
        out.add(Column.of("partiallyObserved", f -> f.key().map(SweptKey::partiallyObserved)));
        out.add(Column.of("reasons", f -> f.key().map(SweptKey::reasons)));
        return List.copyOf(out);
    }

    private static List<Column<Sweep>> jsonColumns() {
        List<Column<Sweep>> out = new ArrayList<>(SWEEP);
        out.add(Column.of("findings", s -> s.findings().stream().map(k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("keyId", k.keyId());
            m.put("keyClass", k.keyClass());
            m.put("partiallyObserved", k.partiallyObserved());
            m.put("reasons", k.reasons());
            return m;
        }).toList()));
        return List.copyOf(out);
    }

    /** The keys worth an auditor's look: every class but confirmed, and keys read only partially. */
    static List<SweptKey> findings(SweepReport s) {
        return s.keys().stream().filter(k -> k.keyClass() != KeyClass.CONFIRMED || k.partiallyObserved()).toList();
    }

    /** Writes a row per finding (one for a sweep without); returns the number of sweeps. */
    public long writeCsv(String tenant, Optional<Instant> from, Optional<Instant> to, OutputStream out)
            throws IOException {
        ChangesReport.checkPeriod(from, to);
        RowWriter<Finding> rows = RowWriter.csv(out, CSV_COLUMNS);
        long sweeps = forEachSweep(tenant, from, to, s -> {
            if (s.findings().isEmpty()) {
                rows.write(new Finding(s, Optional.empty()));
            }
            for (SweptKey k : s.findings()) {
                rows.write(new Finding(s, Optional.of(k)));
            }
        }, rows);
        rows.finish(Map.of());
        return sweeps;
    }

    /** Writes {@code {"report":"sweeps",...,"sweeps":[..],"count":n}}; returns the number of sweeps. */
    public long writeJson(String tenant, Optional<Instant> from, Optional<Instant> to, OutputStream out)
            throws IOException {
        ChangesReport.checkPeriod(from, to);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("report", "sweeps");
        header.put("tenant", tenant);
        header.put("generatedAt", clock.instant());
        header.put("from", from);
        header.put("to", to);
        RowWriter<Sweep> rows = RowWriter.json(out, JSON_COLUMNS, header, "sweeps");
        forEachSweep(tenant, from, to, rows::write, rows);
        rows.finish(Map.of("count", rows.rows()));
        return rows.rows();
    }

    @FunctionalInterface
    private interface SweepAction {
        void accept(Sweep s) throws IOException;
    }

    /** Visits the sweeps started in the period, newest first; returns how many. */
    private long forEachSweep(String tenant, Optional<Instant> from, Optional<Instant> to, SweepAction action,
                              RowWriter<?> rows) throws IOException {
        long n = 0;
        PageRequest request = PageRequest.first(PAGE_SIZE);
        while (true) {
            Page<SweepReport> page = store.sweepReports(tenant, request);
            for (SweepReport s : page.items()) {
                if (to.isPresent() && !s.startedAt().isBefore(to.get())) {
                    continue;
                }
                if (from.isPresent() && s.startedAt().isBefore(from.get())) {
                    return n; // newest first: every later report started earlier still
                }
                action.accept(Sweep.of(s));
                n++;
            }
            rows.endOfPage();
            if (page.nextCursor().isEmpty()) {
                return n;
            }
            request = request.next(page.nextCursor().get());
        }
    }
}
