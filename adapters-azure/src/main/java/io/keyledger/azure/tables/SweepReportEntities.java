package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.keyledger.core.json.Json;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.SweepReportOrder;
import io.keyledger.core.store.SweepReportStore;
import io.keyledger.core.sweep.SweepReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sweep reports, one entity each in the tenant's sweep partition, sorted newest first. A report has one
 * line per key of its scope; one too large for an entity even compressed (about 40,000 keys) is kept in
 * parts: the compressed JSON cut into pieces of 768 KiB, each in an entity of a partition named after the
 * report and a generation, written (in entity group transactions) before the report's entity that names
 * that generation. A rerun that replaces the report writes a new generation, so readers never mix the
 * parts of two.
 */
final class SweepReportEntities implements SweepReportStore {

    private static final String BODY = "body";
    private static final String GENERATION = "generation";
    private static final String PARTS = "parts";
    private static final String PART = "part";
    /** Bytes per part entity: twelve 64 KiB properties, well below the 1 MiB entity limit. */
    private static final int PART_BYTES = 12 * Entities.PROPERTY_BYTES;

    private final TableCalls calls;
    private final TenantEntities tenants;

    SweepReportEntities(TableCalls calls, TenantEntities tenants) {
        this.calls = calls;
        this.tenants = tenants;
    }

    @Override
    public void putSweepReport(SweepReport report) {
        String tenant = tenants.writing(report.tenant());
        String sortKey = SweepReportOrder.sortKey(report);
        String what = "keep the sweep report " + report.sweepId() + " of " + report.scope().id();
        TableEntity entity = Entities.entity(Keys.sweeps(tenant), Keys.sweepRow(sortKey), "SWEEP_REPORT");
        String json = Json.write(report);
        Entities.putBody(entity, BODY, json);
        Optional<TableEntity> previous = Optional.empty();
        if (tooLarge(entity)) {
            previous = calls.get(entity.getPartitionKey(), entity.getRowKey(), what);
            byte[] packed = Entities.gzip(json.getBytes(StandardCharsets.UTF_8));
            String generation = UUID.randomUUID().toString();
            List<TableTransactionAction> parts = new ArrayList<>();
            for (int i = 0; i * PART_BYTES < packed.length; i++) {
                TableEntity part = Entities.entity(Keys.sweepParts(tenant, sortKey, generation), partRow(i),
                        "SWEEP_REPORT_PART");
                Entities.putBytes(part, PART, Arrays.copyOfRange(packed, i * PART_BYTES,
                        Math.min(packed.length, (i + 1) * PART_BYTES)));
                parts.add(new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, part));
            }
            calls.transactAll(parts, what + " in parts");
            entity = Entities.entity(Keys.sweeps(tenant), Keys.sweepRow(sortKey), "SWEEP_REPORT");
            entity.addProperty(GENERATION, generation);
            entity.addProperty(PARTS, (long) parts.size());
        }
        calls.upsert(entity, what);
        previous.filter(p -> p.getProperty(GENERATION) != null).ifPresent(p -> deleteParts(tenant, sortKey, p, what));
    }

    private static boolean tooLarge(TableEntity e) {
        try {
            Entities.checkSize(e, "check a sweep report");
            return false;
        } catch (IllegalArgumentException tooLarge) {
            return true;
        }
    }

    /** Removes the parts of a replaced generation: readers of the new report no longer need them. */
    private void deleteParts(String tenant, String sortKey, TableEntity replaced, String what) {
        String generation = Entities.string(replaced, GENERATION);
        List<TableTransactionAction> deletes = new ArrayList<>();
        for (int i = 0; i < Entities.number(replaced, PARTS); i++) {
            deletes.add(new TableTransactionAction(TableTransactionActionType.DELETE,
                    new TableEntity(Keys.sweepParts(tenant, sortKey, generation), partRow(i))));
        }
        calls.transactAll(deletes, what + ": remove the parts it replaced");
    }

    @Override
    public Page<SweepReport> sweepReports(String tenant, PageRequest page) {
        String filter = "PartitionKey eq " + Keys.literal(Keys.sweeps(tenant))
                + page.cursor().map(c -> " and RowKey gt " + Keys.literal(Keys.sweepRow(Cursors.decode(c)))).orElse("");
        Iterator<TableEntity> entities = calls.query(filter, page.limit() + 1, "list the sweep reports of " + tenant);
        List<SweepReport> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        while (out.size() <= page.limit() && entities.hasNext()) {
            TableEntity e = entities.next();
            out.add(Json.read(body(tenant, e), SweepReport.class));
            keys.add(KeyText.decode(e.getRowKey()));
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        return new Page<>(out.subList(0, page.limit()), Optional.of(Cursors.encode(keys.get(page.limit() - 1))));
    }

    private String body(String tenant, TableEntity e) {
        if (e.getProperty(GENERATION) == null) {
            return Entities.body(e, BODY);
        }
        String sortKey = KeyText.decode(e.getRowKey());
        String generation = Entities.string(e, GENERATION);
        long count = Entities.number(e, PARTS);
        List<TableEntity> parts = calls.queryAll("PartitionKey eq "
                + Keys.literal(Keys.sweepParts(tenant, sortKey, generation)), "read the parts of a sweep report");
        if (parts.size() != count) {
            throw new IllegalStateException("sweep report " + Entities.describe(e) + " has " + parts.size()
                    + " of its " + count + " parts");
        }
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        parts.forEach(p -> packed.writeBytes(Entities.bytes(p, PART)));
        return new String(Entities.gunzip(packed.toByteArray()), StandardCharsets.UTF_8);
    }

    private static String partRow(int index) {
        return String.format("PART|%05d", index);
    }
}
