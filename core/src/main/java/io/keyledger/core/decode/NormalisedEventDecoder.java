package io.keyledger.core.decode;

import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.json.KeyEventJson;
import io.keyledger.core.json.RecordFormatException;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** KeyLedger's own normalised event records (docs/EVENTS.md), as written by {@code KeyEventJson}. */
public final class NormalisedEventDecoder implements EventDecoder {

    @Override
    public String format() {
        return "keyledger-event";
    }

    @Override
    public boolean recognises(JsonNode record) {
        return record.isObject() && record.has("eventId") && record.has("action") && record.path("key").isObject();
    }

    @Override
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        try {
            out.accept(new DecodedRecord.Event(at, KeyEventJson.read(record, new SourcePointer("file", at.toString(), ""))));
        } catch (RecordFormatException e) {
            out.accept(DecodedRecord.Malformed.of(at, e));
        }
    }
}
