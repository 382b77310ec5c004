package io.keyledger.aws.format;

/**
 * A field of an AWS record or listing that is missing or of the wrong type, with its path
 * ({@code requestParameters.keyId}, {@code KeyMetadata.CreationDate}). Decoders turn it into a
 * {@code DecodedRecord.Malformed} and the snapshot reader into a {@code SnapshotFormatException}, so it
 * never escapes either.
 */
public final class FieldFormatException extends RuntimeException {

    private final String field;

    public FieldFormatException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
