package io.keyledger.azure.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading test records from the classpath and decoding them with the Azure decoders. */
final class TestRecords {

    static final String SUBSCRIPTION = "6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
    static final Decoders DECODERS = Decoders.of(AzureDecoders.all());

    private TestRecords() {
    }

    static List<DecodedRecord> decodeResource(String resource) {
        try (InputStream in = TestRecords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return decode(resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<DecodedRecord> decodeText(String json) {
        try {
            return decode("test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<DecodedRecord> decode(String name, InputStream in) throws IOException {
        List<DecodedRecord> out = new ArrayList<>();
        DECODERS.read(name, in, out::add);
        return out;
    }

    /** Decodes one record object directly (no envelope). */
    static List<DecodedRecord> decodeRecord(JsonNode record) {
        List<DecodedRecord> out = new ArrayList<>();
        DECODERS.decode(record, new RecordLocation("test.json", 1, ""), out::add);
        return out;
    }

    /** A resource's JSON; a JSON-lines resource ({@code .jsonl}) as the array of its lines. */
    static JsonNode json(String resource) {
        try (InputStream in = TestRecords.class.getResourceAsStream(resource)) {
            if (resource.endsWith(".jsonl")) {
                var array = Json.mapper().createArrayNode();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        array.add(Json.mapper().readTree(line));
                    }
                }
                return array;
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Record {@code index} of a {@code {"records": [...]}} or array resource, as a mutable copy. */
    static ObjectNode record(String resource, int index) {
        JsonNode root = json(resource);
        JsonNode list = root.isArray() ? root : root.get("records");
        return (ObjectNode) list.get(index).deepCopy();
    }

    static KeyEvent onlyEvent(List<DecodedRecord> decoded) {
        if (decoded.size() != 1 || !(decoded.get(0) instanceof DecodedRecord.Event e)) {
            throw new AssertionError("expected one event, got " + decoded);
        }
        return e.event();
    }

    static KeyEvent event(JsonNode record) {
        return onlyEvent(decodeRecord(record));
    }
}
