package io.keyledger.aws.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.json.Json;
import io.keyledger.core.json.RecordFormatException;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * SQS messages as a Lambda function receives them ({@code eventSource} aws:sqs). The {@code body} is a
 * JSON string holding a CloudTrail record, a CloudTrail log file or S3 notification
 * ({@code {"Records":[...]}}), an EventBridge event, or an SNS notification wrapping any of these; each
 * is decoded as if it had arrived on its own, located at {@code body}, {@code body Records[i]} or
 * {@code body Message}.
 */
public final class SqsMessageDecoder implements EventDecoder {

    private static final String SQS_SOURCE = "aws:sqs";
    private static final String VIA = "sqs+";

    private final CloudTrailDecoder cloudTrail;
    private final EventBridgeDecoder eventBridge;
    private final S3NotificationDecoder s3;

    public SqsMessageDecoder(CloudTrailDecoder cloudTrail, EventBridgeDecoder eventBridge, S3NotificationDecoder s3) {
        this.cloudTrail = cloudTrail;
        this.eventBridge = eventBridge;
        this.s3 = s3;
    }

    @Override
    public String format() {
        return "aws-sqs";
    }

    @Override
    public boolean recognises(JsonNode record) {
        JsonNode source = record == null ? null : record.get("eventSource");
        return record != null && record.isObject() && source != null && source.isString()
                && SQS_SOURCE.equals(source.asString());
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        String body;
        try {
            body = AwsJson.DIALECT.root(record).requiredText("body");
        } catch (RecordFormatException e) {
            out.accept(DecodedRecord.Malformed.of(at, e));
            return;
        }
        parsed(body, at, "body", out);
    }

    private void parsed(String json, RecordLocation at, String field, Consumer<DecodedRecord> out) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JacksonException e) {
            out.accept(new DecodedRecord.Malformed(at, field, "not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        contents(node, at.inner(field), field, out);
    }

    private void contents(JsonNode node, RecordLocation at, String field, Consumer<DecodedRecord> out) {
        if (isSnsNotification(node)) {
            parsed(node.get("Message").asString(), at, "Message", out);
        } else if (node.isArray() && node.isEmpty() || node.isObject() && node.path("Records").isArray()
                && node.get("Records").isEmpty()) {
            // An empty batch (S3's test notification has none either) says nothing, but is still accounted for.
            out.accept(new DecodedRecord.Ignored(at, "a message with no records"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                one(node.get(i), at.inner("[" + i + "]"), field, out);
            }
        } else if (node.isObject() && node.path("Records").isArray()) {
            JsonNode records = node.get("Records");
            for (int i = 0; i < records.size(); i++) {
                one(records.get(i), at.inner("Records[" + i + "]"), field, out);
            }
        } else {
            one(node, at, field, out);
        }
    }

    private void one(JsonNode node, RecordLocation at, String field, Consumer<DecodedRecord> out) {
        if (eventBridge.recognises(node)) {
            eventBridge.decodeVia(node, at, VIA, out);
        } else if (s3.recognises(node)) {
            s3.decode(node, at, out);
        } else if (cloudTrail.recognises(node)) {
            cloudTrail.decodeVia(node, at, VIA, out);
        } else {
            out.accept(new DecodedRecord.Malformed(at, field,
                    "neither a CloudTrail record, an EventBridge event nor an S3 notification"));
        }
    }

    private static boolean isSnsNotification(JsonNode node) {
        return node.isObject() && "Notification".equals(node.path("Type").asString(""))
                && node.path("Message").isString();
    }
}
