package io.keyledger.aws.format;

/**
 * A member of a KMS listing (DescribeKey's {@code KeyMetadata.CreationDate}, ListResourceTags'
 * {@code Tags[0].TagKey}) that is missing or of the wrong type, as the KMS key source and the snapshot
 * reader report it: {@link #getMessage()} is the reason alone. The decoders report bad fields with the
 * core's {@code RecordFormatException}; {@link KmsKeyMetadata#attributes(tools.jackson.databind.JsonNode,
 * String, KmsKeyMetadata.Naming)} turns one into this for the listings.
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
