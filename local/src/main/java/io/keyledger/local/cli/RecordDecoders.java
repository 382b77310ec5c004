package io.keyledger.local.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The decoders the CLI knows, in the order they are tried on an input's first characters. */
final class RecordDecoders {

    /** How much of an input is looked at to choose its decoder. */
    static final int HEAD_CHARS = 4096;

    private final List<RecordDecoder> decoders;

    RecordDecoders(List<RecordDecoder> decoders) {
        this.decoders = List.copyOf(decoders);
    }

    static RecordDecoders standard() {
        return new RecordDecoders(List.of(new JsonLinesDecoder()));
    }

    /** The decoder for the input, peeking at its start without consuming it. */
    Optional<RecordDecoder> choose(BufferedReader reader) throws IOException {
        reader.mark(HEAD_CHARS + 1);
        char[] head = new char[HEAD_CHARS];
        int length = 0;
        int n;
        while (length < HEAD_CHARS && (n = reader.read(head, length, HEAD_CHARS - length)) > 0) {
            length += n;
        }
        reader.reset();
        String start = new String(head, 0, length);
        return decoders.stream().filter(d -> d.recognises(start)).findFirst();
    }

    String formats() {
        return String.join(", ", decoders.stream().map(RecordDecoder::format).toList());
    }
}
