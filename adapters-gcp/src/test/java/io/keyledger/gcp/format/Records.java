package io.keyledger.gcp.format;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Test records from src/test/resources/gcp, decoded the way an ingest decodes them. */
final class Records {

    static final Decoders DECODERS = Decoders.of(GcpDecoders.all());
    static final RecordLocation AT = new RecordLocation("audit.json", 1, "");

    private Records() {
    }

    static String text(String resource) {
        try (InputStream in = Records.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String resource) {
        return text(resource).getBytes(StandardCharsets.UTF_8);
    }

    /** A log entry of gcp/entries, as a mutable tree. */
    static ObjectNode entry(String name) {
        return (ObjectNode) json("gcp/entries/" + name + ".json");
    }

    static JsonNode json(String resource) {
        return Json.mapper().readTree(text(resource));
    }

    static List<DecodedRecord> decode(JsonNode record) {
        List<DecodedRecord> out = new ArrayList<>();
        DECODERS.decode(record, AT, out::add);
        return out;
    }

    /** The one result of decoding {@code record}. */
    static DecodedRecord single(JsonNode record) {
        List<DecodedRecord> out = decode(record);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    /** The one event {@code record} decodes to. */
    static KeyEvent event(JsonNode record) {
        DecodedRecord result = single(record);
        assertThat(result).as("%s", result).isInstanceOf(DecodedRecord.Event.class);
        return ((DecodedRecord.Event) result).event();
    }

    static KeyEvent event(String entryName) {
        return event(entry(entryName));
    }

    static DecodedRecord.Malformed malformed(JsonNode record) {
        DecodedRecord result = single(record);
        assertThat(result).as("%s", result).isInstanceOf(DecodedRecord.Malformed.class);
        return (DecodedRecord.Malformed) result;
    }

    static DecodedRecord.Ignored ignored(JsonNode record) {
        DecodedRecord result = single(record);
        assertThat(result).as("%s", result).isInstanceOf(DecodedRecord.Ignored.class);
        return (DecodedRecord.Ignored) result;
    }

    /** Every result of reading a whole input (plain or gzip) through the decoders. */
    static List<DecodedRecord> read(String input, byte[] content) {
        List<DecodedRecord> out = new ArrayList<>();
        try {
            DECODERS.read(input, new ByteArrayInputStream(content), out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<KeyEvent> events(List<DecodedRecord> results) {
        return results.stream().filter(DecodedRecord.Event.class::isInstance)
                .map(r -> ((DecodedRecord.Event) r).event()).toList();
    }
}
