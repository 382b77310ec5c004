package io.keyledger.azure.format;

import io.keyledger.core.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Field access that tolerates the Azure schemas' differences: field names change case between
 * documentation revisions and exports ({@code operationName} / {@code OperationName}, {@code Id} /
 * {@code id}, {@code NBF} / {@code nbf}), some carry stray blanks ({@code "ObjectName "}), and nested
 * objects sometimes arrive as JSON text (Managed HSM's {@code identity}).
 */
public final class LenientJson {

    private LenientJson() {
    }

    /** The first of {@code names} that {@code obj} has, ignoring case and surrounding blanks; missing if none. */
    public static JsonNode field(JsonNode obj, String... names) {
        if (obj == null || !obj.isObject()) {
            return MissingNode.getInstance();
        }
        for (String name : names) {
            JsonNode exact = obj.get(name);
            if (exact != null) {
                return exact;
            }
        }
        for (String name : names) {
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                if (e.getKey().trim().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
        }
        return MissingNode.getInstance();
    }

    /** A field's text (a number or boolean as its text), trimmed; empty if missing, null, blank or not a value. */
    public static Optional<String> text(JsonNode obj, String... names) {
        return valueText(field(obj, names));
    }

    /** A value node's text, trimmed; empty for containers, null and blanks. */
    public static Optional<String> valueText(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return Optional.empty();
        }
        String text = node.isString() ? node.stringValue() : node.asString();
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    /**
     * Like {@link #text} but a present value of the wrong type (an object, an array) is a problem with
     * {@code fieldName}, not an absence.
     */
    static Optional<String> strictText(JsonNode obj, String fieldName, String... names) {
        JsonNode node = field(obj, names);
        if (node.isContainer()) {
            throw new RecordProblem(fieldName, "expected text, found " + kind(node));
        }
        return valueText(node);
    }

    /** A text field that must be there (a name, an id): a number or an object there is a problem too. */
    static String requiredText(JsonNode obj, String fieldName, String... names) {
        JsonNode node = field(obj, names);
        if (!node.isMissingNode() && !node.isNull() && !node.isString()) {
            throw new RecordProblem(fieldName, "expected text, found " + kind(node));
        }
        return valueText(node).orElseThrow(() -> new RecordProblem(fieldName, "missing"));
    }

    /**
     * A nested object, or the object a JSON text holds; missing if absent or null.
     *
     * @throws RecordProblem naming {@code fieldName} if the field is of another type
     */
    static JsonNode object(JsonNode obj, String fieldName, String... names) {
        JsonNode node = field(obj, names);
        if (node.isMissingNode() || node.isNull() || node.isObject()) {
            return node.isNull() ? MissingNode.getInstance() : node;
        }
        if (node.isString()) {
            String text = node.stringValue().trim();
            if (text.isEmpty()) {
                return MissingNode.getInstance();
            }
            try {
                JsonNode parsed = Json.mapper().readTree(text);
                if (parsed.isObject()) {
                    return parsed;
                }
            } catch (JacksonException e) {
                throw new RecordProblem(fieldName, "expected an object or its JSON text, found text that is not JSON");
            }
        }
        throw new RecordProblem(fieldName, "expected an object, found " + kind(node));
    }

    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isString()) {
            return "text";
        }
        return node.isNull() ? "null" : "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
