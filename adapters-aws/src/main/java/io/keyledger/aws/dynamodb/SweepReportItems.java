package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.n;
import static io.keyledger.aws.dynamodb.Attributes.s;
import static io.keyledger.aws.dynamodb.Keys.PK;
import static io.keyledger.aws.dynamodb.Keys.SK;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Sweep reports, one item each in the tenant's sweep partition, sorted newest first. A report has one
 * line per key of its scope; one too large for an item even compressed (about 17,000 keys) is kept in
 * parts: the compressed JSON cut into pieces, each in an item of its own partition named after the
 * report and a generation, written before the report's item that names that generation. A rerun that
 * replaces the report writes a new generation, so readers never mix the parts of two.
 */
final class SweepReportItems implements SweepReportStore {

    private static final String TYPE = "type";
    private static final String BODY = "body";
    private static final String GENERATION = "generation";
    private static final String PARTS = "parts";
    private static final String PART = "part";
    /** Bytes per part: well below the item limit, so that 25 parts make one BatchWriteItem call under 16 MB. */
    private static final int PART_BYTES = 300 * 1024;

    private final DynamoDbCalls calls;
    private final TenantItems tenants;

    SweepReportItems(DynamoDbCalls calls, TenantItems tenants) {
        this.calls = calls;
        this.tenants = tenants;
    }

    @Override
    public void putSweepReport(SweepReport report) {
        tenants.writing(report.tenant());
        String tenant = report.tenant();
        String sortKey = SweepReportOrder.sortKey(report);
        String what = "keep the sweep report " + report.sweepId() + " of " + report.scope().id();
        Map<String, AttributeValue> item = Keys.item(Keys.sweeps(tenant), sortKey);
        item.put(TYPE, s("SWEEP_REPORT"));
        String json = Json.write(report);
        Attributes.putBody(item, BODY, json);
        Optional<Map<String, AttributeValue>> previous = Optional.empty();
        if (ItemSize.bytes(item) > ItemSize.LIMIT) {
            previous = calls.get(Keys.item(Keys.sweeps(tenant), sortKey), what);
            byte[] packed = Attributes.gzip(json.getBytes(StandardCharsets.UTF_8));
            String generation = UUID.randomUUID().toString();
            List<WriteRequest> parts = new ArrayList<>();
            for (int i = 0; i * PART_BYTES < packed.length; i++) {
                Map<String, AttributeValue> part = Keys.item(partition(tenant, sortKey, generation), partKey(i));
                part.put(TYPE, s("SWEEP_REPORT_PART"));
                part.put(PART, AttributeValue.builder().b(SdkBytes.fromByteArray(Arrays.copyOfRange(packed, i * PART_BYTES,
                        Math.min(packed.length, (i + 1) * PART_BYTES)))).build());
                parts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(part).build()).build());
            }
            calls.batchWrite(parts, what + " in parts");
            item.remove(BODY + "Gz");
            item.put(GENERATION, s(generation));
            item.put(PARTS, n(parts.size()));
        }
        calls.put(item, what);
        previous.filter(p -> p.containsKey(GENERATION)).ifPresent(p -> deleteParts(tenant, sortKey, p, what));
    }

    /** Removes the parts of a replaced generation: readers of the new report no longer need them. */
    private void deleteParts(String tenant, String sortKey, Map<String, AttributeValue> replaced, String what) {
        String generation = Attributes.string(replaced, GENERATION);
        List<WriteRequest> deletes = new ArrayList<>();
        for (int i = 0; i < Attributes.number(replaced, PARTS); i++) {
            deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                    .key(Keys.item(partition(tenant, sortKey, generation), partKey(i))).build()).build());
        }
        calls.batchWrite(deletes, what + ": remove the parts it replaced");
    }

    @Override
    public Page<SweepReport> sweepReports(String tenant, PageRequest page) {
        Optional<String> after = page.cursor().map(Cursors::decode);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(Keys.sweeps(tenant))));
        after.ifPresent(a -> values.put(":after", s(a)));
        QueryRequest q = QueryRequest.builder()
                .keyConditionExpression(after.isPresent() ? "#pk = :pk AND #sk > :after" : "#pk = :pk")
                .expressionAttributeNames(after.isPresent() ? Map.of("#pk", PK, "#sk", SK) : Map.of("#pk", PK))
                .expressionAttributeValues(values).consistentRead(true).build();
        Iterator<Map<String, AttributeValue>> items = calls.query(q, page.limit() + 1, "list the sweep reports of " + tenant);
        List<SweepReport> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        while (out.size() <= page.limit() && items.hasNext()) {
            Map<String, AttributeValue> item = items.next();
            out.add(Json.read(body(tenant, item), SweepReport.class));
            keys.add(Attributes.string(item, SK));
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        return new Page<>(out.subList(0, page.limit()), Optional.of(Cursors.encode(keys.get(page.limit() - 1))));
    }

    private String body(String tenant, Map<String, AttributeValue> item) {
        if (!item.containsKey(GENERATION)) {
            return Attributes.body(item, BODY);
        }
        String sortKey = Attributes.string(item, SK);
        String generation = Attributes.string(item, GENERATION);
        long count = Attributes.number(item, PARTS);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(Keys.item(partition(tenant, sortKey, generation), partKey(i)));
        }
        List<Map<String, AttributeValue>> parts = new ArrayList<>(calls.batchGet(keys, "read the parts of a sweep report"));
        if (parts.size() != count) {
            throw new IllegalStateException("sweep report " + Attributes.describe(item) + " has " + parts.size()
                    + " of its " + count + " parts");
        }
        parts.sort(Comparator.comparing(p -> Attributes.string(p, SK)));
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        parts.forEach(p -> packed.writeBytes(p.get(PART).b().asByteArray()));
        return new String(Attributes.gunzip(packed.toByteArray()), StandardCharsets.UTF_8);
    }

    private static String partition(String tenant, String sortKey, String generation) {
        return Keys.sweepParts(tenant, sortKey, generation);
    }

    private static String partKey(int index) {
        return String.format("PART#%05d", index);
    }
}
