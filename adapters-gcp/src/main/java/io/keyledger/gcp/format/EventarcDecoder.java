package io.keyledger.gcp.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.json.Json;
import io.keyledger.core.json.RecordFormatException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Eventarc CloudEvents in structured mode (the JSON form: {@code specversion}, {@code type},
 * {@code source}, {@code id}, {@code time}, {@code subject}, {@code data}):
 * <ul>
 *   <li>{@code google.cloud.audit.log.v1.written}: {@code data} is the LogEntry;</li>
 *   <li>{@code google.cloud.pubsub.topic.v1.messagePublished}: {@code data} is a Pub/Sub message
 *       envelope whose data is the LogEntry (a log sink to a topic that Eventarc watches).</li>
 * </ul>
 * {@code data_base64} is read as well as {@code data}. In binary mode the body is the LogEntry itself,
 * which {@link CloudAuditLogDecoder} reads.
 */
public final class EventarcDecoder implements EventDecoder {

    static final String AUDIT_LOG_WRITTEN = "google.cloud.audit.log.v1.written";
    static final String PUBSUB_MESSAGE_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
    private static final Set<String> TYPES = Set.of(AUDIT_LOG_WRITTEN, PUBSUB_MESSAGE_PUBLISHED);

    @Override
    public String format() {
        return "gcp-eventarc";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return record.isObject() && record.has("specversion") && record.path("type").isString()
                && TYPES.contains(record.path("type").asString());
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        JsonNode data;
        try {
            data = data(record).orElseThrow(() -> new RecordFormatException("data",
                    "missing (the CloudEvent carries no data)"));
        } catch (RecordFormatException e) {
            out.accept(DecodedRecord.Malformed.of(at, e));
            return;
        }
        if (PUBSUB_MESSAGE_PUBLISHED.equals(record.path("type").asString())) {
            if (!PubSubPushDecoder.isPushEnvelope(data)) {
                out.accept(new DecodedRecord.Malformed(at, "data", "not a Pub/Sub message envelope (no message)"));
                return;
            }
            PubSubPushDecoder.decodeEnvelope(data, at, "data", "eventarc", out);
            return;
        }
        if (!LogEntryDecoder.looksLikeLogEntry(data)) {
            out.accept(new DecodedRecord.Malformed(at, "data", "not a Cloud Logging LogEntry (no protoPayload or logName)"));
            return;
        }
        LogEntryDecoder.decode(data, at.inner("data"), "eventarc", "data", out);
    }

    /** The event's data: a JSON object, JSON text, or base64 of JSON text. */
    private static Optional<JsonNode> data(JsonNode event) {
        JsonNode data = event.get("data");
        if (data != null && data.isObject()) {
            return Optional.of(data);
        }
        if (data != null && data.isString()) {
            try {
                return Optional.of(Json.mapper().readTree(data.asString()));
            } catch (JacksonException e) {
                throw new RecordFormatException("data", "not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (data != null && !data.isNull()) {
            throw new RecordFormatException("data", "expected an object, was " + RecordFields.kind(data));
        }
        return GoogleJson.DIALECT.fields(event, "").text("data_base64")
                .map(b -> PubSubPushDecoder.parse(PubSubPushDecoder.base64(b, "data_base64"), "data_base64"));
    }
}
