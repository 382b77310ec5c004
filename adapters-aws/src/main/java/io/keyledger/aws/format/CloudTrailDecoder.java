package io.keyledger.aws.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordLocation;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * CloudTrail records: one record on its own, or each record of a CloudTrail log file
 * ({@code {"Records":[...]}}, opened by the core's JsonRecords). Every service's events are in a log
 * file; those not of KMS are ignored.
 */
public final class CloudTrailDecoder implements EventDecoder {

    static final String CHANNEL = "cloudtrail";

    @Override
    public String format() {
        return "aws-cloudtrail";
    }

    @Override
    public boolean recognises(JsonNode record) {
        if (record == null || !record.isObject() || record.has("detail-type")) {
            return false;
        }
        JsonNode source = record.get("eventSource");
        if (source != null && source.isString() && source.asString().startsWith("aws:")) {
            return false; // S3 and SQS notification records have an eventSource of this form
        }
        return (record.has("eventName") || record.has("eventSource"))
                && (record.has("eventVersion") || record.has("eventID") || record.has("userIdentity"));
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        decodeVia(record, at, "", out);
    }

    /** Decodes a record that arrived inside another channel ({@code via} "sqs+"). */
    void decodeVia(JsonNode record, RecordLocation at, String via, Consumer<DecodedRecord> out) {
        CloudTrailRecords.decode(AwsJson.DIALECT.fields(record, ""), at, via + CHANNEL).forEach(out);
    }
}
