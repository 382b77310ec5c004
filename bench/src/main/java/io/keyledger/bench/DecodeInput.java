package io.keyledger.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One input of {@link DecodeBenchmark}: a sample's records repeated into a file of about
 * {@value #TARGET_BYTES} bytes, in the sample's own layout, so that the decoders take the same path as
 * on the provider's file.
 *
 * @param fileName the name the input is read under (it only appears in record locations)
 * @param records  the JSON records in the file: lines, or elements of the envelope's array
 */
record DecodeInput(String format, String fileName, Layout layout, byte[] bytes, int records) {

    /** Large enough that opening the input is noise, small enough for a quick benchmark. */
    static final int TARGET_BYTES = 3_000_000;

    enum Layout {
        /** One JSON value per line. */
        LINES,
        /** One pretty-printed document: a top-level array, or an object's {@code Records} / {@code records} array. */
        ENVELOPE
    }

    /** JSON lines, taken round-robin from {@code lines} until the file reaches the target size. */
    static DecodeInput lines(String format, List<String> lines) {
        List<byte[]> encoded = lines.stream().map(line -> (line + "\n").getBytes(UTF_8)).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream(TARGET_BYTES + 64 * 1024);
        int records = 0;
        while (out.size() < TARGET_BYTES) {
            out.writeBytes(encoded.get(records % encoded.size()));
            records++;
        }
        return new DecodeInput(format, format + ".jsonl", Layout.LINES, out.toByteArray(), records);
    }

    /**
     * The sample's envelope, once, with its record array repeated to about the target size. Written
     * pretty-printed like the samples: {@code JsonRecords} then streams it element by element, whereas a
     * one-line envelope would be read as a single JSON line and held whole as a tree.
     */
    static DecodeInput envelope(String format, byte[] sample) {
        JsonNode root = Json.mapper().readTree(sample);
        String field = root.isArray() ? "" : recordsField(root);
        JsonNode sampleRecords = root.isArray() ? root : root.get(field);
        int copies = Math.max(1, Math.round((float) TARGET_BYTES / sample.length));
        ArrayNode records = Json.mapper().createArrayNode();
        for (int i = 0; i < copies; i++) {
            sampleRecords.forEach(records::add);
        }
        JsonNode envelope = root.isArray() ? records : ((ObjectNode) root.deepCopy()).set(field, records);
        byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(envelope);
        return new DecodeInput(format, format + ".json", Layout.ENVELOPE, bytes, records.size());
    }

    private static String recordsField(JsonNode root) {
        for (String name : List.of("Records", "records")) {
            if (root.path(name).isArray()) {
                return name;
            }
        }
        throw new IllegalArgumentException("no Records or records array in the envelope");
    }

    /** Decodes the whole input, as an ingest of this file would; returns the records read. */
    long decode(Decoders decoders, Consumer<DecodedRecord> out) throws IOException {
        return decoders.read(fileName, new ByteArrayInputStream(bytes), out);
    }

    double megabytes() {
        return bytes.length / 1e6;
    }
}
