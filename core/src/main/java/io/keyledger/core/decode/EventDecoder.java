package io.keyledger.core.decode;

import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Turns one record of a provider's audit format (a CloudTrail record, a Key Vault AuditEvent, a Cloud
 * Audit Log entry, ...) into normalised events. Records arrive one at a time from {@link JsonRecords},
 * which has already opened the envelopes ({@code {"Records":[...]}} and the like), so a decoder sees
 * one JSON object and never the whole file.
 *
 * <p>Decoders never throw for bad input: they hand a {@link DecodedRecord.Malformed} naming the field.
 * A record of a known format with an unknown operation is still an event (action UNCLASSIFIED), never
 * dropped. Nothing that could carry key material, plaintext or ciphertext is ever copied into an event.
 */
public interface EventDecoder {

    /** A short name of the format, for messages and counts ("aws-cloudtrail", "azure-audit", ...). */
    String format();

    /** Whether this decoder reads records shaped like {@code record}. Cheap: looks at a few fields. */
    boolean recognises(JsonNode record);

    /** Decodes one record into zero or more results, in order. */
    void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out);
}
