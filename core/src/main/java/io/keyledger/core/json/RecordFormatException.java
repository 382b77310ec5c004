package io.keyledger.core.json;

/**
 * A record that cannot be read, with the field at fault (empty when the record as a whole is bad): the
 * one error of every record reader, KeyLedger's own events and the providers' formats alike. Decoders turn
 * it into a {@code DecodedRecord.Malformed}, which adds where the record stands in its input.
 */
public class RecordFormatException extends RuntimeException {

    private final String field;
    private final String reason;

    public RecordFormatException(String field, String message) {
        // no stack trace: a bad record is an expected outcome, and a log file can hold many
        super(field.isEmpty() ? message : "field '" + field + "': " + message, null, false, false);
        this.field = field;
        this.reason = message;
    }

    /** What is wrong, without the field name. */
    public String reason() {
        return reason;
    }

    /** The field's path in the record ({@code requestParameters.keyId}), or empty for the whole record. */
    public String field() {
        return field;
    }
}
