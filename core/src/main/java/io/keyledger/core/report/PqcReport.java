package io.keyledger.core.report;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Post-quantum readiness: every key with its algorithm's standing under NIST IR 8547 ipd (see
 * {@link PqcAssessment}), one row per key, streamed; the JSON form ends with summary counts.
 */
public final class PqcReport {

    private final InventoryStore store;
    private final Clock clock;

    public PqcReport(InventoryStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    record Row(CryptoAsset key, PqcAssessment pqc) {
    }

    static final List<Column<Row>> COLUMNS = List.of(
            Column.of("id", r -> r.key().id()),
            Column.of("provider", r -> r.key().provider().code()),
            Column.of("account", r -> r.key().ref().accountScope()),
            Column.of("location", r -> r.key().ref().location()),
            Column.of("state", r -> r.key().state()),
            Column.of("kind", r -> r.key().kind()),
            Column.of("keyUsage", r -> r.key().keyUsage()),
            Column.of("algorithm", r -> r.key().algorithm()),
            Column.of("nativeSpec", r -> r.key().nativeSpec()),
            Column.of("family", r -> r.pqc().algorithm().family()),
            Column.of("classicalSecurityBits", r -> boxed(r.pqc().algorithm().classicalBits())),
            Column.of("quantumVulnerable", r -> switch (r.pqc().algorithm().exposure()) {
                case VULNERABLE -> Boolean.TRUE;
                case NOT_VULNERABLE -> Boolean.FALSE;
                case UNKNOWN -> null;
            }),
            Column.of("deprecatedAfter", r -> r.pqc().deprecatedAfter()),
            Column.of("disallowedAfter", r -> r.pqc().disallowedAfter()),
            Column.of("status", r -> r.pqc().status()),
            Column.of("replacement", r -> r.pqc().replacement()),
            Column.of("note", r -> r.pqc().note()),
            Column.of("owner", r -> r.key().owner()));

    public long writeCsv(String tenant, AssetQuery filter, OutputStream out) throws IOException {
        return write(tenant, filter, RowWriter.csv(out, COLUMNS), clock.instant());
    }

    /** Writes the keys, then {@code "summary"}: counts by status, by algorithm, and the dated groups. */
    public long writeJson(String tenant, AssetQuery filter, OutputStream out) throws IOException {
        Instant now = clock.instant();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("report", "pqc");
        header.put("tenant", tenant);
        header.put("generatedAt", now);
        header.put("filter", ReportFilters.describe(filter));
        header.put("source", PqcAssessment.SOURCE);
        return write(tenant, filter, RowWriter.json(out, COLUMNS, header, "keys"), now);
    }

    private long write(String tenant, AssetQuery filter, RowWriter<Row> rows, Instant now) throws IOException {
        Summary summary = new Summary();
        AssetPages.forEachPage(store, tenant, filter, page -> {
            for (CryptoAsset key : page) {
                Row row = new Row(key, PqcAssessment.of(key.algorithm(), key.keyUsage(), now));
                summary.add(row);
                rows.write(row);
            }
            rows.endOfPage();
        });
        rows.finish(Trailer.of(rows.rows(), summary.toMap()));
        return rows.rows();
    }

    private static Integer boxed(java.util.OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }

    /** Counts kept while streaming: a handful of numbers and one per distinct algorithm. */
    private static final class Summary {
        long keys;
        long vulnerable;
        long vulnerableNotDestroyed;
        long deprecatedAfter2030;
        long disallowedAfter2035Only;
        long disallowedAlready;
        long noDate;
        long notVulnerable;
        long unknown;
        final Map<String, Long> byStatus = new TreeMap<>();
        final Map<String, Long> byAlgorithm = new TreeMap<>();

        void add(Row r) {
            keys++;
            PqcAssessment p = r.pqc();
            byStatus.merge(p.status().name(), 1L, Long::sum);
            byAlgorithm.merge(r.key().algorithm(), 1L, Long::sum);
            if (p.quantumVulnerable()) {
                vulnerable++;
                if (!r.key().state().isDestroyed()) {
                    vulnerableNotDestroyed++;
                }
                if (p.deprecatedAfter().isPresent()) {
                    deprecatedAfter2030++;
                } else if (p.disallowedAfter().isPresent()) {
                    disallowedAfter2035Only++;
                } else if (p.status() == PqcAssessment.Status.DISALLOWED) {
                    disallowedAlready++;
                } else {
                    noDate++;
                }
            } else if (p.status() == PqcAssessment.Status.NOT_VULNERABLE) {
                notVulnerable++;
            } else {
                unknown++;
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("keys", keys);
            m.put("quantumVulnerable", vulnerable);
            m.put("quantumVulnerableNotDestroyed", vulnerableNotDestroyed);
            m.put("deprecatedAfter2030DisallowedAfter2035", deprecatedAfter2030);
            m.put("disallowedAfter2035", disallowedAfter2035Only);
            m.put("disallowedAlready", disallowedAlready);
            m.put("vulnerableWithoutNistDate", noDate);
            m.put("notVulnerable", notVulnerable);
            m.put("unknownAlgorithm", unknown);
            m.put("byStatus", byStatus);
            m.put("byAlgorithm", byAlgorithm);
            return m;
        }
    }
}
