package io.keyledger.functions.api;

import java.util.Objects;

/**
 * One invalid part of a request, as listed in a problem's {@code errors}.
 *
 * @param in     where the field is: "path", "query", "header" or "body"
 * @param field  its name: a path parameter, query parameter, header, or a body member ("aiServices[2]")
 * @param detail what is wrong with it
 */
record FieldError(String in, String field, String detail) {

    FieldError {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(detail, "detail");
    }

    static FieldError query(String field, String detail) {
        return new FieldError("query", field, detail);
    }

    static FieldError path(String field, String detail) {
        return new FieldError("path", field, detail);
    }

    static FieldError header(String field, String detail) {
        return new FieldError("header", field, detail);
    }

    static FieldError body(String field, String detail) {
        return new FieldError("body", field, detail);
    }

    /** "query parameter 'limit': must be ..." */
    String sentence() {
        String where = switch (in) {
            case "path" -> "path parameter";
            case "query" -> "query parameter";
            case "header" -> "header";
            default -> "field";
        };
        return where + " '" + field + "': " + detail;
    }
}
