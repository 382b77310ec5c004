package io.keyledger.aws.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.json.RecordFormatException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * S3 event notification records ({@code eventSource} aws:s3): a new CloudTrail log object becomes a
 * {@link DecodedRecord.ObjectReference} to fetch; other objects and events are ignored, as is the test
 * event S3 sends when a notification is configured.
 */
public final class S3NotificationDecoder implements EventDecoder {

    private static final String S3_SOURCE = "aws:s3";
    private static final String TEST_EVENT = "s3:TestEvent";

    @Override
    public String format() {
        return "aws-s3-notification";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return record != null && record.isObject()
                && (S3_SOURCE.equals(textOf(record, "eventSource")) || TEST_EVENT.equals(textOf(record, "Event")));
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        try {
            out.accept(decodeChecked(AwsJson.DIALECT.root(record), at));
        } catch (RecordFormatException e) {
            out.accept(DecodedRecord.Malformed.of(at, e));
        }
    }

    private static DecodedRecord decodeChecked(RecordFields record, RecordLocation at) {
        if (TEST_EVENT.equals(record.text("Event").orElse(""))) {
            return new DecodedRecord.Ignored(at, "S3 test event (sent when a notification is configured)");
        }
        String eventName = record.requiredText("eventName");
        if (!eventName.startsWith("ObjectCreated:")) {
            return new DecodedRecord.Ignored(at, "S3 " + eventName + ": only new objects can be CloudTrail log files");
        }
        String region = record.requiredText("awsRegion");
        RecordFields s3 = record.requiredObject("s3");
        String bucket = s3.requiredObject("bucket").requiredText("name");
        RecordFields object = s3.requiredObject("object");
        String key = urlDecoded(object.requiredText("key"), object.pathOf("key"));
        long size = object.integer("size").orElse(0L);
        return CloudTrailLogObjects.created(at, region, bucket, key, size);
    }

    /** Object keys in S3 notifications are URL-encoded, spaces as '+'. */
    private static String urlDecoded(String key, String field) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException(field, "not a URL-encoded object key: " + e.getMessage());
        }
    }

    private static String textOf(JsonNode record, String name) {
        JsonNode v = record.get(name);
        return v != null && v.isString() ? v.asString() : "";
    }
}
