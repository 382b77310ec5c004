package io.keyledger.local.cli;

import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.json.KeyEventJson;
import io.keyledger.core.json.RecordFormatException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.function.Consumer;

/** KeyLedger's own format: one normalised event as a JSON object per line; blank lines are skipped. */
final class JsonLinesDecoder implements RecordDecoder {

    @Override
    public String format() {
        return "normalised JSON lines";
    }

    @Override
    public boolean recognises(String head) {
        String start = head.stripLeading();
        return start.isEmpty() || start.charAt(0) == '{';
    }

    @Override
    public void decode(RecordInput input, Consumer<DecodedRecord> sink) throws IOException {
        int lineNumber = 0;
        while (true) {
            String line;
            try {
                line = input.reader().readLine();
            } catch (CharacterCodingException e) {
                // Text is decoded a buffer ahead of the lines returned, so only a lower bound is known.
                throw new IOException("not UTF-8 text after line " + lineNumber, e);
            }
            if (line == null) {
                return;
            }
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String location = input.displayName() + ":" + lineNumber;
            // The file and line become the event's source unless the record names its own.
            SourcePointer source = new SourcePointer("file", input.sourceName() + ":" + lineNumber, "");
            try {
                sink.accept(new DecodedRecord.Event(location, KeyEventJson.read(line, source)));
            } catch (RecordFormatException e) {
                sink.accept(new DecodedRecord.Malformed(location, e.getMessage()));
            }
        }
    }
}
