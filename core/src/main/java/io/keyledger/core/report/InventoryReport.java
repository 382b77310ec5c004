package io.keyledger.core.report;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The key inventory, one row per key record with its main attributes (CEK-21: type, status, owner,
 * lifecycle stage, algorithm, usage context, regulatory attributes, provenance). Streams: reads a page
 * of records, writes it, reads the next. The columns are listed in docs/REPORTS.md.
 */
public final class InventoryReport {

    private final InventoryStore store;
    private final Clock clock;

    public InventoryReport(InventoryStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A key record and whether a legal hold covers it. */
    record Row(CryptoAsset key, boolean legalHold) {
    }

    static final List<Column<Row>> COLUMNS = List.of(
            Column.of("tenant", r -> r.key().tenant()),
            Column.of("id", r -> r.key().id()),
            Column.of("provider", r -> r.key().provider().code()),
            Column.of("account", r -> r.key().ref().accountScope()),
            Column.of("location", r -> r.key().ref().location()),
            Column.of("nativeId", r -> r.key().ref().nativeId()),
            Column.of("kind", r -> r.key().kind()),
            Column.of("algorithm", r -> r.key().algorithm()),
            Column.of("nativeSpec", r -> r.key().nativeSpec()),
            Column.of("keyUsage", r -> r.key().keyUsage()),
            Column.of("protection", r -> r.key().protection()),
            Column.of("origin", r -> r.key().origin()),
            Column.of("manager", r -> r.key().manager()),
            Column.of("state", r -> r.key().state()),
            Column.of("nativeState", r -> r.key().nativeState()),
            Column.of("createdAt", r -> r.key().dates().createdAt()),
            Column.of("activatedAt", r -> r.key().dates().activatedAt()),
            Column.of("expiresAt", r -> r.key().dates().expiresAt()),
            Column.of("destructionRequestedAt", r -> r.key().dates().destructionRequestedAt()),
            Column.of("destructionScheduledAt", r -> r.key().dates().destructionScheduledAt()),
            Column.of("destroyedAt", r -> r.key().dates().destroyedAt()),
            Column.of("destructionDelay", r -> r.key().destruction().delay()),
            Column.of("recoveryLevel", r -> r.key().destruction().recoveryLevel()),
            Column.of("updatedAt", r -> r.key().dates().updatedAt()),
            Column.of("lastRotatedAt", r -> r.key().dates().lastRotatedAt()),
            Column.of("nextRotationAt", r -> r.key().dates().nextRotationAt()),
            Column.of("rotationEnabled", r -> r.key().rotation().enabled()),
            Column.of("rotationPeriod", r -> r.key().rotation().period()),
            Column.of("versions", r -> r.key().versions().size()),
            Column.of("aliases", r -> r.key().aliases()),
            Column.of("owner", r -> r.key().owner()),
            Column.of("ownerBasis", r -> r.key().ownership().basis()),
            Column.of("description", r -> r.key().description()),
            Column.of("tags", r -> r.key().tags()),
            Column.of("usageServices", r -> r.key().usageContext().services()),
            Column.of("aiUsage", r -> r.key().usageContext().aiUsage()),
            Column.of("aiServices", r -> r.key().usageContext().aiServices()),
            Column.of("aiCategories", r -> r.key().usageContext().aiCategories().stream().map(Enum::name).toList()),
            Column.of("lastUsedAt", r -> r.key().usageContext().lastUsedAt()),
            Column.of("lastOperation", r -> r.key().usageContext().lastOperation()),
            Column.of("protects", r -> r.key().usageContext().protects().names()),
            Column.of("protectedResources", r -> r.key().usageContext().protects().count()),
            Column.of("grantees", r -> r.key().access().grantees()),
            Column.of("externalPrincipals", r -> r.key().access().externalPrincipals()),
            Column.of("policyLockoutRisk", r -> r.key().access().policyLockoutRisk()),
            Column.of("accessModel", r -> r.key().access().model()),
            Column.of("responsibilityParty", r -> r.key().responsibility().party()),
            Column.of("responsibilityMode", r -> r.key().responsibility().mode()),
            Column.of("responsibilityBasis", r -> r.key().responsibility().basis()),
            Column.of("responsibilityRule", r -> r.key().responsibility().rule()),
            Column.of("classification", r -> r.key().regulatory().classification()),
            Column.of("jurisdiction", r -> r.key().regulatory().jurisdiction()),
            Column.of("retentionClass", r -> r.key().regulatory().retentionClass()),
            Column.of("legalHold", Row::legalHold),
            Column.of("observation", r -> r.key().provenance().observation()),
            Column.of("observationNote", r -> r.key().provenance().observationNote()),
            Column.of("unknownAttributes", r -> r.key().provenance().unknownAttributes()),
            Column.of("multiRegion", r -> r.key().multiRegion()),
            Column.of("replicaOf", r -> r.key().replicaOf()),
            Column.of("keyStore", r -> r.key().keyStore()),
            Column.of("firstSeenAt", r -> r.key().provenance().firstSeenAt()),
            Column.of("lastEventAt", r -> r.key().provenance().lastEventAt()),
            Column.of("lastSweptAt", r -> r.key().provenance().lastSweptAt()),
            Column.of("retainedUntil", r -> r.key().retainedUntil()));

    /** The column names, in order: the CSV header and the JSON properties of each key. */
    public static List<String> columnNames() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    /** Writes the tenant's keys matching {@code filter} as CSV; returns the number of keys written. */
    public long writeCsv(String tenant, AssetQuery filter, OutputStream out) throws IOException {
        return write(tenant, filter, RowWriter.csv(out, COLUMNS));
    }

    /**
     * Writes {@code {"report":"inventory","tenant":..,"generatedAt":..,"keys":[..],"count":n}}; returns
     * the number of keys written.
     */
    public long writeJson(String tenant, AssetQuery filter, OutputStream out) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("report", "inventory");
        header.put("tenant", tenant);
        header.put("generatedAt", clock.instant());
        header.put("filter", ReportFilters.describe(filter));
        return write(tenant, filter, RowWriter.json(out, COLUMNS, header, "keys"));
    }

    private long write(String tenant, AssetQuery filter, RowWriter<Row> rows) throws IOException {
        LegalHolds holds = LegalHolds.of(store.legalHolds(tenant));
        AssetPages.forEachPage(store, tenant, filter, page -> {
            for (CryptoAsset key : page) {
                rows.write(new Row(key, holds.covers(key.id())));
            }
            rows.endOfPage();
        });
        rows.finish(Map.of("count", rows.rows()));
        return rows.rows();
    }
}
