package io.keyledger.core.report;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.alert.AnomalyPolicy;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rotation compliance against the tenant's maximum cryptoperiod, which is the {@code rotation-overdue}
 * rule's {@code max-cryptoperiod} in the tenant's anomaly policy: one row per key ({@link RotationCheck}),
 * streamed; the JSON form ends with counts per status.
 */
public final class RotationReport {

    private final InventoryStore store;
    private final Clock clock;
    private final AnomalyPolicies policies;

    public RotationReport(InventoryStore store, Clock clock, AnomalyPolicies policies) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    record Row(CryptoAsset key, RotationCheck check) {
    }

    static final List<Column<Row>> COLUMNS = List.of(
            Column.of("id", r -> r.key().id()),
            Column.of("provider", r -> r.key().provider().code()),
            Column.of("account", r -> r.key().ref().accountScope()),
            Column.of("location", r -> r.key().ref().location()),
            Column.of("state", r -> r.key().state()),
            Column.of("kind", r -> r.key().kind()),
            Column.of("algorithm", r -> r.key().algorithm()),
            Column.of("manager", r -> r.key().manager()),
            Column.of("origin", r -> r.key().origin()),
            Column.of("rotationEnabled", r -> r.key().rotation().enabled()),
            Column.of("rotationPeriod", r -> r.key().rotation().period()),
            Column.of("lastRotatedAt", r -> r.key().dates().lastRotatedAt()),
            Column.of("createdAt", r -> r.key().dates().createdAt()),
            Column.of("cryptoperiodSince", r -> r.check().since()),
            Column.of("ageDays", r -> r.check().age().map(Duration::toDays).orElse(null)),
            Column.of("dueAt", r -> r.check().dueAt()),
            Column.of("status", r -> r.check().status()),
            Column.of("reason", r -> r.check().reason()),
            Column.of("owner", r -> r.key().owner()));

    /** The rotation rule in force for the tenant: its maximum cryptoperiod and whether it alerts. */
    public AnomalyPolicy.Rotation rule(String tenant) {
        return policies.forTenant(tenant).rotationOverdue();
    }

    public long writeCsv(String tenant, AssetQuery filter, OutputStream out) throws IOException {
        return write(tenant, filter, RowWriter.csv(out, COLUMNS), clock.instant());
    }

    public long writeJson(String tenant, AssetQuery filter, OutputStream out) throws IOException {
        Instant now = clock.instant();
        AnomalyPolicy.Rotation rule = rule(tenant);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("report", "rotation");
        header.put("tenant", tenant);
        header.put("generatedAt", now);
        header.put("filter", ReportFilters.describe(filter));
        header.put("maxCryptoperiod", rule.maxCryptoperiod());
        header.put("rotationOverdueRuleEnabled", rule.enabled());
        return write(tenant, filter, RowWriter.json(out, COLUMNS, header, "keys"), now);
    }

    private long write(String tenant, AssetQuery filter, RowWriter<Row> rows, Instant now) throws IOException {
        AnomalyPolicy.Rotation rule = rule(tenant);
        Map<RotationCheck.Status, Long> counts = new EnumMap<>(RotationCheck.Status.class);
        for (RotationCheck.Status s : RotationCheck.Status.values()) {
            counts.put(s, 0L);
        }
        long[] replaceNow = {0};
        AssetPages.forEachPage(store, tenant, filter, page -> {
            for (CryptoAsset key : page) {
                RotationCheck check = RotationCheck.of(key, rule, now);
                counts.merge(check.status(), 1L, Long::sum);
                if (check.status() == RotationCheck.Status.NOT_ROTATABLE && check.pastCryptoperiod()) {
                    replaceNow[0]++;
                }
                rows.write(new Row(key, check));
            }
            rows.endOfPage();
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        counts.forEach((s, n) -> summary.put(s.name(), n));
        summary.put("notRotatablePastCryptoperiod", replaceNow[0]);
        rows.finish(Trailer.of(rows.rows(), summary));
        return rows.rows();
    }
}
