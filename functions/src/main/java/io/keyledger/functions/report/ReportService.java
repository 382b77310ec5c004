package io.keyledger.functions.report;

import io.keyledger.core.alert.AnomalyPolicies;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.report.ChangesReport;
import io.keyledger.core.report.EvidenceReport;
import io.keyledger.core.report.InventoryReport;
import io.keyledger.core.report.PqcReport;
import io.keyledger.core.report.RotationReport;
import io.keyledger.core.report.SweepsReport;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The auditor reports of {@link Reports}, over the core's report writers and the CBOM writer. Every
 * parameter is checked before the first byte is written, so that a bad request can still be answered
 * with a 400 naming the parameter.
 *
 * <table>
 *   <caption>Reports, their formats (default first) and parameters</caption>
 *   <tr><th>name</th><th>formats</th><th>period (from, to)</th><th>key filter</th></tr>
 *   <tr><td>inventory</td><td>csv, json, cbom, cbom-1.7</td><td>no</td><td>yes</td></tr>
 *   <tr><td>changes</td><td>csv, json</td><td>event time</td><td>yes</td></tr>
 *   <tr><td>sweeps</td><td>json, csv</td><td>sweep start</td><td>no</td></tr>
 *   <tr><td>evidence</td><td>html, json</td><td>no</td><td>no</td></tr>
 *   <tr><td>pqc</td><td>csv, json</td><td>no</td><td>yes</td></tr>
 *   <tr><td>rotation</td><td>csv, json</td><td>no</td><td>yes</td></tr>
 * </table>
 */
public final class ReportService implements Reports {

    private static final Map<String, List<String>> FORMATS = formats();
    private static final List<String> WITH_PERIOD = List.of("changes", "sweeps");
    private static final List<String> WITHOUT_FILTER = List.of("sweeps", "evidence");

    private final InventoryReport inventory;
    private final ChangesReport changes;
    private final SweepsReport sweeps;
    private final EvidenceReport evidence;
    private final PqcReport pqc;
    private final RotationReport rotation;
    private final CbomWriter cbom;

    /**
     * @param policies the tenants' anomaly policies: the rotation report and the evidence read the maximum
     *                 cryptoperiod, the change-reference tags and the rule switches from them
     */
    private ReportService(InventoryStore store, Clock clock, AnomalyPolicies policies) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policies, "policies");
        this.inventory = new InventoryReport(store, clock);
        this.changes = new ChangesReport(store, clock, policies);
        this.sweeps = new SweepsReport(store, clock);
        this.evidence = new EvidenceReport(store, clock, policies);
        this.pqc = new PqcReport(store, clock);
        this.rotation = new RotationReport(store, clock, policies);
        this.cbom = new CbomWriter(store, clock);
    }

    /** The reports over the store and clock of an entry point's core services, under their anomaly policies. */
    public static ReportService of(CoreServices services) {
        return new ReportService(services.store(), services.clock(), services.settings().policies());
    }

    private static Map<String, List<String>> formats() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("inventory", List.of("csv", "json", CbomSpec.V1_6.format(), CbomSpec.V1_7.format()));
        m.put("changes", List.of("csv", "json"));
        m.put("sweeps", List.of("json", "csv"));
        m.put("evidence", List.of("html", "json"));
        m.put("pqc", List.of("csv", "json"));
        m.put("rotation", List.of("csv", "json"));
        return Map.copyOf(m);
    }

    @Override
    public List<String> names() {
        return List.of("inventory", "changes", "sweeps", "evidence", "pqc", "rotation");
    }

    @Override
    public List<String> formats(String name) {
        return FORMATS.get(name(name));
    }

    @Override
    public String contentType(String name, String format) {
        return switch (format(name(name), format)) {
            case "csv" -> "text/csv; charset=utf-8";
            case "json" -> "application/json";
            case "cbom" -> CbomSpec.V1_6.mediaType();
            case "cbom-1.7" -> CbomSpec.V1_7.mediaType();
            case "html" -> "text/html; charset=utf-8";
            default -> throw new IllegalStateException("no media type for " + format);
        };
    }

    @Override
    public void write(String tenant, ReportRequest request, OutputStream out) throws IOException {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(out, "out");
        String name = name(request.name());
        String format = format(name, request.format());
        if (!WITH_PERIOD.contains(name)) {
            if (request.from().isPresent()) {
                throw new IllegalArgumentException("parameter 'from' does not apply to report '" + name
                        + "' (only to " + String.join(" and ", WITH_PERIOD) + ")");
            }
            if (request.to().isPresent()) {
                throw new IllegalArgumentException("parameter 'to' does not apply to report '" + name
                        + "' (only to " + String.join(" and ", WITH_PERIOD) + ")");
            }
        }
        ChangesReport.checkPeriod(request.from(), request.to());
        if (WITHOUT_FILTER.contains(name) && !request.filter().equals(AssetQuery.ALL)) {
            throw new IllegalArgumentException("parameter 'filter' does not apply to report '" + name
                    + "': it covers the whole tenant");
        }
        AssetQuery filter = request.filter();
        switch (name + "/" + format) {
            case "inventory/csv" -> inventory.writeCsv(tenant, filter, out);
            case "inventory/json" -> inventory.writeJson(tenant, filter, out);
            case "inventory/cbom" -> cbom.write(tenant, filter, CbomSpec.V1_6, out);
            case "inventory/cbom-1.7" -> cbom.write(tenant, filter, CbomSpec.V1_7, out);
            case "changes/csv" -> changes.writeCsv(tenant, request.from(), request.to(), filter, out);
            case "changes/json" -> changes.writeJson(tenant, request.from(), request.to(), filter, out);
            case "sweeps/csv" -> sweeps.writeCsv(tenant, request.from(), request.to(), out);
            case "sweeps/json" -> sweeps.writeJson(tenant, request.from(), request.to(), out);
            case "evidence/html" -> evidence.writeHtml(evidence.assess(tenant), out);
            case "evidence/json" -> evidence.writeJson(evidence.assess(tenant), out);
            case "pqc/csv" -> pqc.writeCsv(tenant, filter, out);
            case "pqc/json" -> pqc.writeJson(tenant, filter, out);
            case "rotation/csv" -> rotation.writeCsv(tenant, filter, out);
            case "rotation/json" -> rotation.writeJson(tenant, filter, out);
            default -> throw new IllegalStateException("no writer for " + name + "/" + format);
        }
        out.flush();
    }

    private static String name(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.containsKey(n)) {
            throw new IllegalArgumentException("parameter 'name': unknown report '" + name + "' (expected one of "
                    + "inventory, changes, sweeps, evidence, pqc, rotation)");
        }
        return n;
    }

    /** The format asked for, or the report's default when none is given. */
    private static String format(String name, String format) {
        List<String> known = FORMATS.get(name);
        String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (f.isEmpty()) {
            return known.get(0);
        }
        if (!known.contains(f)) {
            throw new IllegalArgumentException("parameter 'format': report '" + name + "' comes as "
                    + String.join(", ", known) + ", not '" + format + "'");
        }
        return f;
    }
}
