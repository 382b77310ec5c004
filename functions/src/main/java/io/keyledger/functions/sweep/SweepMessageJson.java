package io.keyledger.functions.sweep;

import io.keyledger.core.json.Json;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON every cloud's sweep message shares: a type, the sweep id, the scope's account and location under
 * the cloud's own field names, the tenant and the cursor. Each cloud's request keeps its field names and
 * patterns; the reading, and the wording of every error ("sweep request: field ..."), are this class's.
 */
public final class SweepMessageJson {

    /** Sweep ids are ledgered in event ids ({@code sweep:<id>:...}): keep them short and plain. */
    public static final Pattern SWEEP_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private SweepMessageJson() {
    }

    /**
     * Reads a message body as an object of the given type.
     *
     * @throws IllegalArgumentException when it is not JSON, not an object, or of another type
     */
    public static JsonNode read(String body, String type) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("sweep request: not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("sweep request: expected a JSON object");
        }
        String found = text(json, "type").orElse("");
        if (!type.equals(found)) {
            throw new IllegalArgumentException("sweep request: field 'type' must be '" + type + "', was '" + found + "'");
        }
        return json;
    }

    /** The message's fields in order; the tenant and cursor only when present. */
    public static ObjectNode write(String type, String sweepId, String accountField, String account,
                                   String locationField, String location, Optional<String> tenant,
                                   Optional<String> cursor) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("type", type).put("sweepId", sweepId).put(accountField, account).put(locationField, location);
        tenant.ifPresent(t -> o.put("tenant", t));
        cursor.ifPresent(c -> o.put("cursor", c));
        return o;
    }

    public static String required(JsonNode json, String field) {
        return text(json, field).orElseThrow(() -> new IllegalArgumentException(
                "sweep request: field '" + field + "' is missing"));
    }

    public static Optional<String> text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new IllegalArgumentException("sweep request: field '" + field + "' must be a string");
        }
        return Optional.of(v.asString());
    }

    /** @throws IllegalArgumentException naming the field, when the value is missing or does not match */
    public static void require(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("sweep request: field '" + field + "' is not valid: '" + value + "'");
        }
    }

    /** A cursor, when there is one, is not empty. */
    public static void requireCursor(Optional<String> cursor) {
        cursor.ifPresent(c -> {
            if (c.isEmpty()) {
                throw new IllegalArgumentException("sweep request: field 'cursor' must not be empty");
            }
        });
    }
}
