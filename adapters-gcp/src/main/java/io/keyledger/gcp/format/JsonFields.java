package io.keyledger.gcp.format;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Strict reads of JSON fields: a missing or null field is empty, a field of the wrong type is a
 * {@link FieldException} naming it. {@code field} is the full path used in messages.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static Optional<String> text(JsonNode parent, String name, String field) {
        JsonNode v = parent == null ? null : parent.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new FieldException(field, "expected a string, was " + kind(v));
        }
        String s = v.asString().trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    public static String requiredText(JsonNode parent, String name, String field) {
        return text(parent, name, field).orElseThrow(() -> new FieldException(field, "missing"));
    }

    public static Optional<JsonNode> object(JsonNode parent, String name, String field) {
        JsonNode v = parent == null ? null : parent.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw new FieldException(field, "expected an object, was " + kind(v));
        }
        return Optional.of(v);
    }

    public static Optional<JsonNode> array(JsonNode parent, String name, String field) {
        JsonNode v = parent == null ? null : parent.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            throw new FieldException(field, "expected an array, was " + kind(v));
        }
        return Optional.of(v);
    }

    public static Optional<Boolean> bool(JsonNode parent, String name, String field) {
        JsonNode v = parent == null ? null : parent.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new FieldException(field, "expected true or false, was " + kind(v));
        }
        return Optional.of(v.booleanValue());
    }

    /** A whole number, written as a JSON number or (as proto3 JSON does for int64) a numeric string. */
    public static Optional<Long> integer(JsonNode parent, String name, String field) {
        JsonNode v = parent == null ? null : parent.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Optional.of(v.longValue());
        }
        if (v.isString()) {
            try {
                return Optional.of(Long.parseLong(v.asString().trim()));
            } catch (NumberFormatException e) {
                throw new FieldException(field, "expected a whole number, was '" + v.asString() + "'");
            }
        }
        throw new FieldException(field, "expected a whole number, was " + kind(v));
    }

    /** An RFC 3339 timestamp ({@code 2026-01-15T09:00:00.123456789Z}, or with an offset). */
    public static Optional<Instant> instant(JsonNode parent, String name, String field) {
        return text(parent, name, field).map(t -> parseInstant(t, field));
    }

    public static Instant parseInstant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw new FieldException(field, "expected an RFC 3339 timestamp such as 2026-01-15T09:00:00Z, was '"
                        + text + "'");
            }
        }
    }

    static String kind(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isString()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
