package io.keyledger.aws.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Typed, path-aware reads of one JSON object of a record. An absent or null field is "not there";
 * a field of the wrong type is a {@link FieldFormatException} naming its full path ({@code detail.requestParameters.keyId}).
 */
final class Fields {

    private final JsonNode node;
    private final String path;

    Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The top of a record whose field names are reported with {@code prefix} ("" or "detail."). */
    static Fields root(JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            throw new FieldFormatException(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), "expected a JSON object");
        }
        String p = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return new Fields(node, p);
    }

    JsonNode node() {
        return node;
    }

    String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    Optional<String> text(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new FieldFormatException(pathOf(name), "expected a string, was " + kind(v));
        }
        return Optional.of(v.asString());
    }

    String requiredText(String name) {
        String v = text(name).orElseThrow(() -> new FieldFormatException(pathOf(name), "missing"));
        if (v.isBlank()) {
            throw new FieldFormatException(pathOf(name), "must not be blank");
        }
        return v;
    }

    Optional<Boolean> bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new FieldFormatException(pathOf(name), "expected true or false, was " + kind(v));
        }
        return Optional.of(v.asBoolean());
    }

    Optional<Long> integer(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new FieldFormatException(pathOf(name), "expected a whole number, was " + kind(v));
        }
        return Optional.of(v.asLong());
    }

    Optional<Fields> object(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw new FieldFormatException(pathOf(name), "expected an object, was " + kind(v));
        }
        return Optional.of(new Fields(v, pathOf(name)));
    }

    Fields requiredObject(String name) {
        return object(name).orElseThrow(() -> new FieldFormatException(pathOf(name), "missing"));
    }

    /** The elements of an array field (empty if absent); each element's path is {@code name[i]}. */
    List<JsonNode> array(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new FieldFormatException(pathOf(name), "expected an array, was " + kind(v));
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** The object elements of an array field. */
    List<Fields> objects(String name) {
        List<JsonNode> elements = array(name);
        List<Fields> out = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            JsonNode e = elements.get(i);
            String p = pathOf(name) + "[" + i + "]";
            if (!e.isObject()) {
                throw new FieldFormatException(p, "expected an object, was " + kind(e));
            }
            out.add(new Fields(e, p));
        }
        return out;
    }

    /** The string elements of an array field. */
    List<String> texts(String name) {
        List<JsonNode> elements = array(name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            JsonNode e = elements.get(i);
            if (!e.isString()) {
                throw new FieldFormatException(pathOf(name) + "[" + i + "]", "expected a string, was " + kind(e));
            }
            out.add(e.asString());
        }
        return out;
    }

    /** The names of an object field's members (never their values). */
    List<String> memberNames(String name) {
        Optional<Fields> o = object(name);
        List<String> out = new ArrayList<>();
        o.ifPresent(f -> f.node.properties().forEach(e -> out.add(e.getKey())));
        return out;
    }

    static String kind(JsonNode v) {
        if (v.isString()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
