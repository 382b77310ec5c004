package io.keyledger.azure.format;

/**
 * A record of a known Azure format that cannot become an event, naming the field at fault. Decoders
 * turn it into a {@code DecodedRecord.Malformed}; it never leaves a decoder.
 */
final class RecordProblem extends RuntimeException {

    private final String field;

    RecordProblem(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
