package io.keyledger.gcp.format;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordLocation;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Cloud Logging LogEntries as they are exported (a log sink to Cloud Storage writes one per line, the
 * Logs Explorer downloads a JSON array) and as Eventarc delivers them in binary mode (the body is the
 * entry). Cloud KMS audit entries become events; other services' entries are Ignored.
 */
public final class CloudAuditLogDecoder implements EventDecoder {

    @Override
    public String format() {
        return "gcp-audit-log";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return LogEntryDecoder.looksLikeLogEntry(record);
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        LogEntryDecoder.decode(record, at, "gcp-audit", "", out);
    }
}
