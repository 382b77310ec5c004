package io.keyledger.functions.api;

import io.keyledger.core.event.AttributeValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's JSON object body, read strictly: a JSON media type, UTF-8, one object, no member twice,
 * no member the endpoint does not know (a misspelt field would otherwise be silently ignored). Members
 * are read into {@link Checks}, so that every bad one is reported at once.
 */
final class RequestBody {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final ObjectNode node;
    private final Checks checks;

    private RequestBody(ObjectNode node, Checks checks) {
        this.node = node;
        this.checks = checks;
    }

    /**
     * Reads the body; an empty body is an empty object.
     *
     * @throws ApiProblem 415 for a body that is not JSON, 400 for one that is not a JSON object
     */
    static RequestBody read(ApiCall call, Set<String> fields, Checks checks) {
        byte[] body = call.request().body();
        if (body.length == 0) {
            return new RequestBody(JsonNodeFactory.instance.objectNode(), checks);
        }
        requireJsonMediaType(call.header("content-type"));
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.invalid(FieldError.body("", "is not valid JSON: " + describe(e)));
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.invalid(FieldError.body("", "must be a JSON object"));
        }
        ObjectNode object = (ObjectNode) root;
        Set<String> unknown = new TreeSet<>(object.propertyNames());
        unknown.removeAll(fields);
        for (String name : unknown) {
            checks.add(FieldError.body(printable(name), "is not a field of this request (fields: "
                    + String.join(", ", new TreeSet<>(fields)) + ")"));
        }
        return new RequestBody(object, checks);
    }

    private static void requireJsonMediaType(Optional<String> contentType) {
        if (contentType.isEmpty()) {
            throw ApiProblem.unsupportedMediaType("a request body needs Content-Type: application/json");
        }
        String[] parts = contentType.get().split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw ApiProblem.unsupportedMediaType("the request body must be application/json, not '"
                    + printable(type) + "'");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset") && param.length == 2
                    && !param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                throw ApiProblem.unsupportedMediaType("the request body must be UTF-8");
            }
        }
    }

    private static String describe(JacksonException e) {
        String message = Optional.ofNullable(e.getOriginalMessage()).orElse("unreadable");
        message = printable(message.length() > 160 ? message.substring(0, 160) + "..." : message);
        return e.getLocation() == null ? message
                : message + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** Text from the caller, safe to echo in a message. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return s.codePointCount(0, s.length()) > 80 ? out + "..." : out.toString();
    }

    boolean has(String field) {
        return node.has(field);
    }

    /** A required string member. */
    Optional<String> requiredText(String field, int maxLength) {
        if (!node.has(field) || node.get(field).isNull()) {
            checks.add(FieldError.body(field, "is required"));
            return Optional.empty();
        }
        return text(field, maxLength);
    }

    /** An optional string member; null counts as absent. */
    Optional<String> text(String field, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return checkedText(field, v, maxLength);
    }

    /**
     * A member that sets or clears a key attribute: empty when absent, "" for null (clear), else the
     * text, which must not be blank.
     */
    Optional<String> settableText(String field, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isNull()) {
            return Optional.of("");
        }
        return checkedText(field, v, maxLength);
    }

    private Optional<String> checkedText(String field, JsonNode v, int maxLength) {
        if (!v.isString()) {
            checks.add(FieldError.body(field, "must be a string"));
            return Optional.empty();
        }
        Optional<String> problem = textProblem(v.stringValue(), maxLength);
        if (problem.isPresent()) {
            checks.add(FieldError.body(field, problem.get()));
            return Optional.empty();
        }
        return Optional.of(v.stringValue().trim());
    }

    private static Optional<String> textProblem(String s, int maxLength) {
        if (s.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (s.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters");
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }

    /** An optional array of distinct-meaning names, none containing a comma (the event attributes join them so). */
    Optional<List<String>> names(String field, int maxItems, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            checks.add(FieldError.body(field, "must be an array of strings"));
            return Optional.empty();
        }
        if (v.size() == 0 || v.size() > maxItems) {
            checks.add(FieldError.body(field, "must hold 1 to " + maxItems + " entries"));
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
            String name = field + "[" + i + "]";
            JsonNode item = v.get(i);
            if (!item.isString()) {
                checks.add(FieldError.body(name, "must be a string"));
                ok = false;
                continue;
            }
            Optional<String> problem = textProblem(item.stringValue(), maxLength)
                    .or(() -> item.stringValue().contains(",") ? Optional.of("must not contain ','") : Optional.empty());
            if (problem.isPresent()) {
                checks.add(FieldError.body(name, problem.get()));
                ok = false;
                continue;
            }
            out.add(item.stringValue().trim());
        }
        return ok ? Optional.of(out) : Optional.empty();
    }

    /** An optional enum member, in any case, with '-' or '_'; it has no null (a value says "unknown"). */
    /** Whether the field is present and null. */
    boolean isNull(String field) {
        return node.has(field) && node.get(field).isNull();
    }

    <E extends Enum<E>> Optional<E> enumValue(String field, Class<E> type) {
        if (node.has(field) && node.get(field).isNull()) {
            checks.add(FieldError.body(field, "must not be null (expected one of "
                    + Arrays.toString(type.getEnumConstants()) + ")"));
            return Optional.empty();
        }
        Optional<String> text = text(field, 64);
        return checks.parse(text, v -> AttributeValues.enumValue(type, v), message -> FieldError.body(field, message));
    }

    /** An optional array of enum values. */
    <E extends Enum<E>> Optional<List<E>> enumValues(String field, Class<E> type, int maxItems) {
        Optional<List<String>> names = names(field, maxItems, 64);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<E> out = new ArrayList<>();
        for (int i = 0; i < names.get().size(); i++) {
            String name = field + "[" + i + "]";
            checks.parse(Optional.of(names.get().get(i)), v -> AttributeValues.enumValue(type, v),
                    message -> FieldError.body(name, message)).ifPresent(out::add);
        }
        return out.size() == names.get().size() ? Optional.of(out) : Optional.empty();
    }
}
