package io.keyledger.azure.format;

import static io.keyledger.azure.format.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Bad records of each format: each is reported with the field at fault, and never costs its neighbours. */
class MalformedRecordsTest {

    private static final String AUDIT = "/azure/auditevent/operations.json";
    private static final String GRID = EventGridDecoderTest.EVENT_GRID;
    private static final String CLOUD = EventGridDecoderTest.CLOUD_EVENTS;
    private static final String ACTIVITY = "/azure/activitylog/activity-log.jsonl";

    private static Arguments bad(String resource, int index, String field, Consumer<ObjectNode> spoil) {
        return Arguments.of(resource.substring(resource.lastIndexOf('/') + 1) + " record " + index + ", " + field,
                resource, index, field, spoil);
    }

    private static ObjectNode props(ObjectNode r) {
        return (ObjectNode) r.get("properties");
    }

    private static ObjectNode data(ObjectNode r) {
        return (ObjectNode) r.get("data");
    }

    static Stream<Arguments> spoiledRecords() {
        return Stream.of(
                bad(AUDIT, 0, "time", r -> r.remove("time")),
                bad(AUDIT, 0, "time", r -> r.put("time", "yesterday")),
                bad(AUDIT, 0, "time", r -> r.put("time", "2025-02-03T13:0")),
                bad(AUDIT, 0, "time", r -> r.putObject("time")),
                bad(AUDIT, 0, "operationName", r -> r.put("operationName", 42)),
                bad(AUDIT, 0, "operationName", r -> r.put("operationName", "  ")),
                bad(AUDIT, 0, "resourceId", r -> r.remove("resourceId")),
                bad(AUDIT, 0, "resourceId", r -> r.put("resourceId", "/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/X")),
                bad(AUDIT, 0, "resourceId", r -> r.putArray("resourceId")),
                bad(AUDIT, 0, "properties", r -> r.putArray("properties")),
                bad(AUDIT, 0, "properties", r -> r.put("properties", "{\"id\": \"https://contoso-kv.vault.azure")),
                bad(AUDIT, 0, "identity", r -> r.put("identity", 7)),
                bad(AUDIT, 0, "identity", r -> r.put("identity", "{\"claim\":")),
                bad(AUDIT, 0, "properties.id", r -> props(r).putObject("id")),
                bad(AUDIT, 0, "properties.id", r -> props(r).remove(List.of("id", "requestUri"))),
                bad(AUDIT, 16, "properties.requestUri", r -> {
                    props(r).remove("id");
                    props(r).putArray("requestUri");
                }),
                bad(GRID, 0, "data", r -> r.remove("data")),
                bad(GRID, 0, "data", r -> r.put("data", 12)),
                bad(GRID, 0, "data.EXP", r -> data(r).put("EXP", "soon")),
                bad(GRID, 0, "data.NBF", r -> data(r).putArray("NBF")),
                bad(GRID, 0, "data.Id", r -> data(r).remove(List.of("Id", "ObjectName "))),
                bad(GRID, 0, "data.Version", r -> data(r).putObject("Version")),
                bad(GRID, 0, "topic", r -> r.put("topic", "/resourceGroups/contoso-rg")),
                bad(GRID, 0, "topic", r -> r.remove("topic")),
                bad(GRID, 0, "eventTime", r -> r.put("eventTime", "2025-13-45T99:00:00Z")),
                bad(GRID, 0, "id", r -> r.remove("id")),
                bad(GRID, 0, "eventType", r -> r.put("eventType", true)),
                bad(CLOUD, 0, "source", r -> r.remove("source")),
                bad(CLOUD, 0, "time", r -> r.put("time", false)),
                bad(CLOUD, 0, "id", r -> r.putObject("id")),
                bad(ACTIVITY, 4, "time", r -> r.remove("time")),
                bad(ACTIVITY, 4, "resourceId", r -> r.put("resourceId",
                        "/SUBSCRIPTIONS/6F8A2C1E-3B4D-4E5F-9A0B-1C2D3E4F5A6B/RESOURCEGROUPS/CONTOSO-RG/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/CONTOSO-KV")),
                bad(ACTIVITY, 4, "resultType", r -> r.putObject("resultType")),
                bad(ACTIVITY, 4, "identity", r -> r.putArray("identity")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoiledRecords")
    void aSpoiledRecordIsMalformedNamingItsFieldAndTheOthersStillDecode(String name, String resource, int index,
                                                                         String field, Consumer<ObjectNode> spoil) {
        ObjectNode good = record(resource, index);
        ObjectNode spoiled = good.deepCopy();
        spoil.accept(spoiled);
        String file = "{\"records\": [" + good + "," + spoiled + "," + good + "]}";

        List<DecodedRecord> decoded = TestRecords.decodeText(file);

        assertThat(decoded).hasSize(3);
        assertThat(decoded.get(0)).isNotInstanceOf(DecodedRecord.Malformed.class);
        assertThat(decoded.get(2)).isNotInstanceOf(DecodedRecord.Malformed.class);
        assertThat(decoded.get(1)).isInstanceOfSatisfying(DecodedRecord.Malformed.class, m -> {
            assertThat(m.field()).isEqualTo(field);
            assertThat(m.message()).isNotBlank();
            assertThat(m.at().index()).isEqualTo(2);
            assertThat(m.at().detail()).endsWith("records[1]");
            assertThat(m.toString()).contains("test.json record 2").contains("field '" + field + "'");
        });
    }

    @Test
    void aTruncatedFileKeepsEveryRecordBeforeTheCut() {
        String whole = Json.write(TestRecords.json(AUDIT));
        String cut = whole.substring(0, whole.indexOf("\"KeyUpdate\""));

        List<DecodedRecord> decoded = TestRecords.decodeText(cut);

        assertThat(decoded).hasSize(3);
        assertThat(decoded.subList(0, 2)).allMatch(d -> d instanceof DecodedRecord.Event);
        assertThat(decoded.get(2)).isInstanceOfSatisfying(DecodedRecord.Malformed.class, m -> {
            assertThat(m.at().index()).isEqualTo(3);
            assertThat(m.message()).contains("truncated");
        });
    }

    @Test
    void aTruncatedLineOfJsonLinesCostsOnlyItself() {
        List<String> lines = new ArrayList<>(TestRecords.json(CLOUD).valueStream().map(Object::toString).toList());
        lines.set(1, lines.get(1).substring(0, lines.get(1).length() / 2));

        List<DecodedRecord> decoded = TestRecords.decodeText(String.join("\n", lines));

        assertThat(decoded).hasSize(lines.size());
        assertThat(decoded.get(1)).isInstanceOfSatisfying(DecodedRecord.Malformed.class,
                m -> assertThat(m.at().detail()).isEqualTo("line 2"));
        assertThat(decoded.get(0)).isInstanceOf(DecodedRecord.Event.class);
        assertThat(decoded.get(2)).isInstanceOf(DecodedRecord.Event.class);
    }
}
