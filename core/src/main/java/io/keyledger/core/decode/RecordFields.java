package io.keyledger.core.decode;

import io.keyledger.core.json.Json;
import io.keyledger.core.json.RecordFormatException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Typed reads of one JSON object of a record, each naming its field by its full path
 * ({@code detail.requestParameters.keyId}, {@code protoPayload.request.policy.bindings[0].members[2]}).
 * An absent or null field is "not there"; a field of the wrong type, or a required one that is missing,
 * is a {@link RecordFormatException} with the path and one of the same few reasons, whichever the
 * provider: {@code missing}, {@code must not be blank}, {@code expected a string, was a number},
 * {@code not a time: '...' (expected ...)}. How names, text, numbers, objects and times are written is the
 * provider's {@link JsonDialect}.
 *
 * <p>Where a provider knows several names for one field ({@code time} / {@code TimeGenerated}), the
 * alternates are tried in order and the field is named by the first.
 */
public final class RecordFields {

    private final JsonNode node;
    private final JsonDialect dialect;
    /** The path, built only when asked for (a message, a child's path): most records are read without one. */
    private String path;
    private final RecordFields parent;
    private final String name;
    private final int index;

    RecordFields(JsonNode node, String path, JsonDialect dialect) {
        this(node, path, dialect, null, null, -1);
    }

    /** An object at {@code parent}'s member {@code name} (element {@code index} of it when not negative). */
    private RecordFields(JsonNode node, String path, JsonDialect dialect, RecordFields parent, String name, int index) {
        this.node = node != null && node.isObject() ? node : MissingNode.getInstance();
        this.path = path;
        this.dialect = dialect;
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    /** A record (or the part of it at {@code path}) that must be a JSON object. */
    static RecordFields root(JsonNode record, String path, JsonDialect dialect) {
        if (record == null || !record.isObject()) {
            throw new RecordFormatException(path, "expected a JSON object, was " + kind(record));
        }
        return new RecordFields(record, path, dialect);
    }

    /** The object read (a missing node if there was none). */
    public JsonNode node() {
        return node;
    }

    /** The path of this object in the record ("" at the top). */
    public String path() {
        String p = path;
        if (p == null) {
            // Benign race: every thread builds the same text.
            p = index < 0 ? parent.pathOf(name) : parent.pathOf(name) + "[" + index + "]";
            path = p;
        }
        return p;
    }

    public JsonDialect dialect() {
        return dialect;
    }

    /** The path of a member of this object. */
    public String pathOf(String name) {
        String p = path();
        return p.isEmpty() ? name : p + "." + name;
    }

    /** Whether the object has a member of this exact name, even a null one. */
    public boolean has(String name) {
        return node.has(name);
    }

    /** The member under the first of the names the object has (null included); a missing node if none. */
    public JsonNode get(String name, String... alternates) {
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (String alternate : alternates) {
            JsonNode v = node.get(alternate);
            if (v != null) {
                return v;
            }
        }
        if (dialect.namesInAnyCase()) {
            for (String candidate : names(name, alternates)) {
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    if (e.getKey().trim().equalsIgnoreCase(candidate)) {
                        return e.getValue();
                    }
                }
            }
        }
        return MissingNode.getInstance();
    }

    /** A string field. */
    public Optional<String> text(String name, String... alternates) {
        JsonNode v = value(name, alternates);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw wrongType(name, "a string", v);
        }
        return dialect.present(v.stringValue());
    }

    /** A string field that must be there and not be blank. */
    public String requiredText(String name, String... alternates) {
        JsonNode v = value(name, alternates);
        if (v == null) {
            throw new RecordFormatException(pathOf(name), "missing");
        }
        if (!v.isString()) {
            throw wrongType(name, "a string", v);
        }
        Optional<String> text = dialect.present(v.stringValue());
        if (text.isEmpty() || text.get().isBlank()) {
            throw new RecordFormatException(pathOf(name), "must not be blank");
        }
        return text.get();
    }

    /** A string, or a number or boolean read as its text; an object or array is of the wrong type. */
    public Optional<String> scalarText(String name, String... alternates) {
        JsonNode v = value(name, alternates);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isContainer()) {
            throw wrongType(name, "a string", v);
        }
        return dialect.looseText(v);
    }

    /** The text of a string, number or boolean field; empty for anything else. Never fails. */
    public Optional<String> looseText(String name, String... alternates) {
        return dialect.looseText(get(name, alternates));
    }

    public Optional<Boolean> bool(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw wrongType(name, "true or false", v);
        }
        return Optional.of(v.booleanValue());
    }

    /** A whole number that fits a long (or its decimal text, where the dialect writes it so). */
    public Optional<Long> integer(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Optional.of(v.longValue());
        }
        if (dialect.wholeNumbersAsText() && v.isString()) {
            try {
                return Optional.of(Long.parseLong(v.stringValue().trim()));
            } catch (NumberFormatException e) {
                throw new RecordFormatException(pathOf(name), "expected a whole number, was '" + v.stringValue() + "'");
            }
        }
        throw wrongType(name, "a whole number", v);
    }

    /** A time in one of the dialect's forms. */
    public Optional<Instant> instant(String name, String... alternates) {
        JsonNode v = value(name, alternates);
        if (v == null) {
            return Optional.empty();
        }
        TimeFormat times = dialect.times();
        if (v.isNumber() && times.readsNumbers()) {
            return Optional.of(times.fromNumber(v).orElseThrow(() -> notATime(name, v.asString(), times)));
        }
        if (!v.isString()) {
            throw wrongType(name, "a time", v);
        }
        Optional<String> text = dialect.present(v.stringValue());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Instant> at = times.fromText(text.get());
            if (at.isEmpty()) {
                throw notATime(name, "'" + text.get() + "'", times);
            }
            return at;
        } catch (DateTimeException e) {
            throw new RecordFormatException(pathOf(name), "not a time: '" + text.get() + "' (" + e.getMessage() + ")");
        }
    }

    /** A time that must be there. */
    public Instant requiredInstant(String name, String... alternates) {
        Optional<Instant> at = instant(name, alternates);
        if (at.isEmpty()) {
            throw new RecordFormatException(pathOf(name), "missing");
        }
        return at.get();
    }

    /**
     * A time in one of the dialect's forms, empty if the field is anything else. Never fails: for times
     * that are hints, not the record's identity.
     */
    public Optional<Instant> looseInstant(String name, String... alternates) {
        JsonNode v = get(name, alternates);
        TimeFormat times = dialect.times();
        try {
            if (v.isNumber()) {
                return times.readsNumbers() ? times.fromNumber(v) : Optional.empty();
            }
            return dialect.looseText(v).flatMap(times::fromText);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** An object field (or its JSON text, where the dialect writes it so). */
    public Optional<RecordFields> object(String name, String... alternates) {
        JsonNode v = value(name, alternates);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isObject()) {
            return Optional.of(child(v, name));
        }
        if (dialect.objectsAsJsonText() && v.isString()) {
            String text = v.stringValue().trim();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                JsonNode parsed = Json.mapper().readTree(text);
                if (parsed.isObject()) {
                    return Optional.of(child(parsed, name));
                }
            } catch (JacksonException e) {
                throw new RecordFormatException(pathOf(name),
                        "expected an object or its JSON text, was text that is not JSON");
            }
        }
        throw wrongType(name, "an object", v);
    }

    public RecordFields requiredObject(String name, String... alternates) {
        return object(name, alternates).orElseThrow(() -> new RecordFormatException(pathOf(name), "missing"));
    }

    /** An object field, or an empty object at its path when there is none. */
    public RecordFields objectOrEmpty(String name, String... alternates) {
        return object(name, alternates).orElseGet(() -> new RecordFields(Json.mapper().createObjectNode(),
                null, dialect, this, name, -1));
    }

    /**
     * An object field, or the object its JSON text holds (where the dialect writes objects so); empty for
     * anything else. Never fails.
     */
    public Optional<RecordFields> looseObject(String name, String... alternates) {
        JsonNode v = get(name, alternates);
        if (v.isObject()) {
            return Optional.of(child(v, name));
        }
        if (dialect.objectsAsJsonText() && v.isString()) {
            try {
                JsonNode parsed = Json.mapper().readTree(v.stringValue());
                return parsed.isObject() ? Optional.of(child(parsed, name)) : Optional.empty();
            } catch (JacksonException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The elements of an array field; none if it is absent. */
    public List<JsonNode> array(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array", v);
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** The elements of an array field, each of which must be an object, named {@code name[i]}. */
    public List<RecordFields> objects(String name) {
        return elements(name, "an object", JsonNode::isObject, (e, i) -> new RecordFields(e, null, dialect, this, name, i));
    }

    /** The elements of an array field, each of which must be a string, as written. */
    public List<String> texts(String name) {
        return elements(name, "a string", JsonNode::isString, (e, i) -> e.stringValue());
    }

    /** The names of an object field's members (never their values); none if it is absent. */
    public List<String> memberNames(String name) {
        List<String> out = new ArrayList<>();
        Optional<RecordFields> o = object(name);
        if (o.isPresent()) {
            out.addAll(o.get().node.propertyNames());
        }
        return out;
    }

    /** What a JSON value is, for messages: "a string", "an object", "null". */
    public static String kind(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isString()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** The member, or null when it is absent or null. */
    private JsonNode value(String name, String... alternates) {
        JsonNode v = get(name, alternates);
        return v.isMissingNode() || v.isNull() ? null : v;
    }

    /** The elements of an array field, all of one type, checked before any is read. */
    private <T> List<T> elements(String name, String expected, Predicate<JsonNode> is,
                                 BiFunction<JsonNode, Integer, T> as) {
        List<JsonNode> elements = array(name);
        List<T> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            JsonNode e = elements.get(i);
            if (!is.test(e)) {
                throw new RecordFormatException(pathOf(name) + "[" + i + "]", "expected " + expected + ", was " + kind(e));
            }
            out.add(as.apply(e, i));
        }
        return out;
    }

    private RecordFields child(JsonNode object, String name) {
        return new RecordFields(object, null, dialect, this, name, -1);
    }

    private RecordFormatException wrongType(String name, String expected, JsonNode v) {
        return new RecordFormatException(pathOf(name), "expected " + expected + ", was " + kind(v));
    }

    private RecordFormatException notATime(String name, String value, TimeFormat times) {
        return new RecordFormatException(pathOf(name), "not a time: " + value + " (expected " + times.forms() + ")");
    }

    private static List<String> names(String name, String... alternates) {
        List<String> all = new ArrayList<>(alternates.length + 1);
        all.add(name);
        all.addAll(List.of(alternates));
        return all;
    }
}
