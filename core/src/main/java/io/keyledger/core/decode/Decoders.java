package io.keyledger.core.decode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The formats an ingest understands, tried in order on each record; KeyLedger's own normalised events
 * are always understood. A record no decoder recognises is reported, not dropped silently.
 */
public final class Decoders {

    private final List<EventDecoder> decoders;
    private final InputLimits limits;

    private Decoders(List<EventDecoder> decoders, InputLimits limits) {
        this.decoders = List.copyOf(decoders);
        this.limits = limits;
    }

    /** The normalised format, then the given provider decoders. */
    public static Decoders of(List<EventDecoder> providerDecoders) {
        List<EventDecoder> all = new ArrayList<>();
        all.add(new NormalisedEventDecoder());
        all.addAll(providerDecoders);
        return new Decoders(all, InputLimits.DEFAULTS);
    }

    /** The same formats, read within other limits (an entry point's, or the loosest of its tenants'). */
    public Decoders withLimits(InputLimits inputLimits) {
        return new Decoders(decoders, java.util.Objects.requireNonNull(inputLimits, "inputLimits"));
    }

    public InputLimits limits() {
        return limits;
    }

    public List<String> formats() {
        return decoders.stream().map(EventDecoder::format).toList();
    }

    /** Reads every record of an input (plain or gzip) within the limits, and decodes it. */
    public long read(String input, InputStream in, Consumer<DecodedRecord> out) throws IOException {
        return JsonRecords.read(input, in, limits, new JsonRecords.Sink() {
            @Override
            public void record(JsonNode record, RecordLocation at) {
                decode(record, at, out);
            }

            @Override
            public void malformed(DecodedRecord.Malformed malformed) {
                out.accept(malformed);
            }
        });
    }

    /**
     * Decodes one record with the first decoder that recognises it. A decoder that fails is a malformed record; what
     * {@code out} throws (a store failing while it applies a batch) is thrown on, never taken for the record's fault.
     */
    public void decode(JsonNode record, RecordLocation at, Consumer<DecodedRecord> out) {
        for (EventDecoder decoder : decoders) {
            if (decoder.recognises(record)) {
                // Decoded first, handed on after: out's failures must not reach the decoder's catch below.
                List<DecodedRecord> decoded = new ArrayList<>(1);
                try {
                    decoder.decode(record, at, decoded::add);
                } catch (RuntimeException e) {
                    // A decoder fault, not the record's: said without the exception's text, which is Java's, not ours.
                    decoded.add(new DecodedRecord.Malformed(at, "", decoder.format()
                            + " record could not be decoded (an unexpected value; please report this record)"));
                }
                decoded.forEach(out);
                return;
            }
        }
        out.accept(new DecodedRecord.Malformed(at, "", "not a record of any known format (" + String.join(", ", formats()) + ")"));
    }
}
