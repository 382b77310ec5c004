package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sweep reports, one document each in the tenant's {@code sweepReports}, listed newest first. A report has one
 * line per key of its scope; one too large for a document even compressed (over a million bytes, some tens of
 * thousands of keys) is kept in parts: the compressed JSON cut into pieces, each a document of
 * {@code sweepReportParts} named after the report, a generation and its index, written before the report's
 * document that names that generation. A rerun that replaces the report writes a new generation, so readers
 * never mix the parts of two; the parts it replaced are deleted after.
 */
final class SweepReportDocs implements SweepReportStore {

    private static final String SORT_KEY = "sortKey";
    private static final String BODY = "body";
    private static final String GENERATION = "generation";
    private static final String PARTS = "parts";
    private static final String PART = "part";
    /** Bytes per part: below the document limit with room for the part's name and fields. */
    static final int PART_BYTES = 1_000_000;

    private final FirestoreCalls calls;
    private final Layout layout;
    private final TenantDocs tenants;

    SweepReportDocs(FirestoreCalls calls, TenantDocs tenants) {
        this.calls = calls;
        this.layout = calls.layout();
        this.tenants = tenants;
    }

    @Override
    public void putSweepReport(SweepReport report) {
        String tenant = tenants.writing(report.tenant());
        String sortKey = SweepReportOrder.sortKey(report);
        String what = "keep the sweep report " + report.sweepId() + " of " + report.scope().id();
        DocumentReference ref = layout.sweepReport(tenant, sortKey);
        Map<String, Object> fields = new HashMap<>();
        fields.put(SORT_KEY, sortKey);
        String json = Json.write(report);
        Fields.putBody(fields, BODY, json);
        fields.put(GENERATION, null);
        fields.put(PARTS, null);
        Optional<DocumentSnapshot> previous = calls.get(ref, what);
        if (DocumentSize.bytes(ref, fields) > DocumentSize.LIMIT) {
            byte[] packed = Fields.gzip(json.getBytes(StandardCharsets.UTF_8));
            String generation = UUID.randomUUID().toString();
            List<Writes.Write> parts = new ArrayList<>();
            int count = 0;
            for (int from = 0; from < packed.length; from += PART_BYTES) {
                Map<String, Object> part = new HashMap<>();
                part.put(PART, Blob.fromBytes(Arrays.copyOfRange(packed, from, Math.min(packed.length, from + PART_BYTES))));
                parts.addAll(Writes.of().set(layout.sweepReportPart(tenant, sortKey, generation, count++), part).list());
            }
            calls.commitAll(parts, what + " in parts");
            fields.put(BODY, null);
            fields.put(BODY + "Gz", null);
            fields.put(GENERATION, generation);
            fields.put(PARTS, (long) count);
        }
        calls.commit(Writes.of().set(ref, fields), what);
        previous.filter(p -> p.getString(GENERATION) != null).ifPresent(p -> deleteParts(tenant, sortKey, p, what));
    }

    /** Removes the parts of a replaced generation: readers of the new report no longer need them. */
    private void deleteParts(String tenant, String sortKey, DocumentSnapshot replaced, String what) {
        String generation = Fields.text(replaced, GENERATION);
        List<Writes.Write> deletes = new ArrayList<>();
        for (int i = 0; i < Fields.number(replaced, PARTS); i++) {
            deletes.addAll(Writes.of().delete(layout.sweepReportPart(tenant, sortKey, generation, i)).list());
        }
        calls.commitAll(deletes, what + ": remove the parts it replaced");
    }

    @Override
    public Page<SweepReport> sweepReports(String tenant, PageRequest page) {
        Query q = layout.collection(tenant, Layout.SWEEP_REPORTS);
        Optional<String> after = page.cursor().map(Cursors::decode);
        if (after.isPresent()) {
            q = q.whereGreaterThan(SORT_KEY, after.get());
        }
        List<? extends DocumentSnapshot> docs = calls.query(q.orderBy(SORT_KEY).limit(page.limit() + 1),
                "list the sweep reports of " + tenant);
        List<SweepReport> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (DocumentSnapshot doc : docs) {
            out.add(Json.read(body(tenant, doc), SweepReport.class));
            keys.add(Fields.text(doc, SORT_KEY));
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        return new Page<>(out.subList(0, page.limit()), Optional.of(Cursors.encode(keys.get(page.limit() - 1))));
    }

    private String body(String tenant, DocumentSnapshot doc) {
        String generation = doc.getString(GENERATION);
        if (generation == null) {
            return Fields.body(doc, BODY);
        }
        String sortKey = Fields.text(doc, SORT_KEY);
        long count = Fields.number(doc, PARTS);
        List<DocumentReference> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            refs.add(layout.sweepReportPart(tenant, sortKey, generation, i));
        }
        List<DocumentSnapshot> parts = calls.getAll(refs, "read the parts of a sweep report");
        if (parts.size() != count) {
            throw new IllegalStateException("sweep report " + doc.getReference().getPath() + " has " + parts.size()
                    + " of its " + count + " parts");
        }
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        parts.stream().sorted(java.util.Comparator.comparing(p -> p.getReference().getId()))
                .forEach(p -> packed.writeBytes(p.getBlob(PART).toBytes()));
        return new String(Fields.gunzip(packed.toByteArray()), StandardCharsets.UTF_8);
    }
}
