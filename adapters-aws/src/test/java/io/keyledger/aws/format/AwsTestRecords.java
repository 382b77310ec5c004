package io.keyledger.aws.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Loads the test records under src/test/resources/aws and decodes them as an ingest would. */
final class AwsTestRecords {

    static final String ACCOUNT = "111122223333";
    static final String K1 = "1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String K2 = "4567def0-45de-67f0-89bc-4567890123de";
    static final String K_EXT = "0987dcba-09fe-87dc-65ba-ab0987654321";
    static final String K_MRK = "mrk-1234abcd12ab34cd56ef1234567890ab";
    static final String K_HSM = "2345bcde-23bc-45de-67fa-2345678901bc";
    static final String K_SIGN = "3456cdef-34cd-56ef-78ab-3456789012cd";

    private AwsTestRecords() {
    }

    static String arn(String key) {
        return arn(key, "us-east-1");
    }

    static String arn(String key, String region) {
        return "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + key;
    }

    static String text(String resource) {
        try (InputStream in = AwsTestRecords.class.getResourceAsStream("/aws/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource aws/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String resource) {
        return Json.mapper().readTree(text(resource));
    }

    /** Every result of reading a resource file through the registry, as the CLI ingest does. */
    static List<DecodedRecord> read(String resource) {
        List<DecodedRecord> out = new ArrayList<>();
        try (InputStream in = AwsTestRecords.class.getResourceAsStream("/aws/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource aws/" + resource);
            }
            Decoders.of(AwsDecoders.all()).read(resource, in, out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The results of decoding one record (given as JSON) through the registry. */
    static List<DecodedRecord> decode(JsonNode record) {
        List<DecodedRecord> out = new ArrayList<>();
        Decoders.of(AwsDecoders.all()).decode(record, new RecordLocation("test.json", 1, ""), out::add);
        return out;
    }

    static List<KeyEvent> events(List<DecodedRecord> results) {
        assertThat(results).noneMatch(r -> r instanceof DecodedRecord.Malformed);
        return results.stream().filter(r -> r instanceof DecodedRecord.Event)
                .map(r -> ((DecodedRecord.Event) r).event()).toList();
    }

    /** The single event a resource gives. */
    static KeyEvent only(String resource) {
        List<KeyEvent> events = events(read(resource));
        assertThat(events).as(resource).hasSize(1);
        return events.get(0);
    }
}
