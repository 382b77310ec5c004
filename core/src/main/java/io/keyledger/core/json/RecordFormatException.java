package io.keyledger.core.json;

/** A record that cannot be read, with the field at fault (empty when the record as a whole is bad). */
public class RecordFormatException extends RuntimeException {

    private final String field;
    private final String reason;

    public RecordFormatException(String field, String message) {
        super(field.isEmpty() ? message : "field '" + field + "': " + message);
        this.field = field;
        this.reason = message;
    }

    /** What is wrong, without the field name. */
    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
