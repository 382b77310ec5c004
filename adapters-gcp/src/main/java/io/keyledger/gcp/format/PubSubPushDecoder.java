package io.keyledger.gcp.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.json.Json;
import io.keyledger.core.json.RecordFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Pub/Sub push request from a log sink's topic:
 * {@code {"message": {"data": "<base64 LogEntry JSON>", "messageId", "publishTime", "attributes"},
 * "subscription": "projects/.../subscriptions/..."}}. The data is opened and decoded as a LogEntry.
 */
public final class PubSubPushDecoder implements EventDecoder {

    @Override
    public String format() {
        return "gcp-pubsub-push";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return isPushEnvelope(record);
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        decodeEnvelope(record, at, "", "pubsub", out);
    }

    static boolean isPushEnvelope(JsonNode record) {
        return record != null && record.isObject() && record.path("message").isObject()
                && (record.path("subscription").isString() || record.path("message").has("data"));
    }

    /** Opens a push envelope found at {@code path} of the record ("" or "data") and decodes the LogEntry in it. */
    static void decodeEnvelope(JsonNode envelope, RecordLocation at, String path, String channel,
                               Consumer<DecodedRecord> out) {
        RecordFields message;
        JsonNode entry;
        try {
            message = GoogleJson.DIALECT.fields(envelope, path).requiredObject("message");
            entry = parse(base64(message.requiredText("data"), message.pathOf("data")), message.pathOf("data"));
        } catch (RecordFormatException e) {
            out.accept(DecodedRecord.Malformed.of(at, e));
            return;
        }
        String dataField = message.pathOf("data");
        if (!LogEntryDecoder.looksLikeLogEntry(entry)) {
            out.accept(new DecodedRecord.Malformed(at, dataField, "not a Cloud Logging LogEntry (no protoPayload "
                    + "or logName)"));
            return;
        }
        LogEntryDecoder.decode(entry, at.inner(dataField), channel, dataField, out);
    }

    /** Pub/Sub writes standard base64; the URL-safe alphabet is accepted too. */
    static byte[] base64(String data, String field) {
        String d = data.trim();
        try {
            return Base64.getDecoder().decode(d);
        } catch (IllegalArgumentException standard) {
            try {
                return Base64.getUrlDecoder().decode(d);
            } catch (IllegalArgumentException urlSafe) {
                throw new RecordFormatException(field, "not valid base64: " + standard.getMessage());
            }
        }
    }

    static JsonNode parse(byte[] json, String field) {
        try {
            return Json.mapper().readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new RecordFormatException(field, "not valid JSON: " + e.getOriginalMessage());
        }
    }
}
