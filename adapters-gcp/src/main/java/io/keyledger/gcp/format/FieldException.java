package io.keyledger.gcp.format;

/**
 * A field of a Google record (a log entry, a listing) that is missing or cannot be read. Decoders turn it
 * into a {@code DecodedRecord.Malformed}, the snapshot reader into a {@code SnapshotFormatException}.
 */
public final class FieldException extends RuntimeException {

    private final String field;

    public FieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field's path in the record, e.g. {@code protoPayload.methodName}. */
    public String field() {
        return field;
    }
}
