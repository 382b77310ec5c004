package io.keyledger.core.decode;

import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * How a provider writes the JSON of its records, so that one {@link RecordFields} reads them all. Each
 * adapter declares its dialect once; by default names are exact, text is taken as written, and numbers,
 * objects and times have their JSON types.
 *
 * @param times              the forms of the provider's times
 * @param trimsText          text is trimmed, and blank text counts as absent
 * @param namesInAnyCase     a member name also matches ignoring case and surrounding blanks, when no member
 *                           has it exactly ({@code OperationName}, {@code "ObjectName "})
 * @param wholeNumbersAsText a whole number may be written as its decimal text (proto3 JSON's int64)
 * @param objectsAsJsonText  an object may be written as its JSON text
 */
public record JsonDialect(TimeFormat times, boolean trimsText, boolean namesInAnyCase, boolean wholeNumbersAsText,
                          boolean objectsAsJsonText) {

    public JsonDialect {
        Objects.requireNonNull(times, "times");
    }

    /** Exact names, text as written, JSON types as they are, times in {@code times}' forms. */
    public static JsonDialect strict(TimeFormat times) {
        return new JsonDialect(times, false, false, false, false);
    }

    public JsonDialect trimmingText() {
        return new JsonDialect(times, true, namesInAnyCase, wholeNumbersAsText, objectsAsJsonText);
    }

    public JsonDialect withNamesInAnyCase() {
        return new JsonDialect(times, trimsText, true, wholeNumbersAsText, objectsAsJsonText);
    }

    public JsonDialect withWholeNumbersAsText() {
        return new JsonDialect(times, trimsText, namesInAnyCase, true, objectsAsJsonText);
    }

    public JsonDialect withObjectsAsJsonText() {
        return new JsonDialect(times, trimsText, namesInAnyCase, wholeNumbersAsText, true);
    }

    /** A whole record, which must be a JSON object; its fields are named from its top ({@code eventName}). */
    public RecordFields root(JsonNode record) {
        return RecordFields.root(record, "", this);
    }

    /**
     * A record found inside another one at {@code path} ({@code data}), which must be a JSON object; its
     * fields are named from that path ({@code data.protoPayload}).
     */
    public RecordFields root(JsonNode record, String path) {
        return RecordFields.root(record, path, this);
    }

    /**
     * One object of a record, whose fields are named from {@code path} ({@code detail} names
     * {@code detail.eventName}). Anything but an object reads as an empty one.
     */
    public RecordFields fields(JsonNode object, String path) {
        return new RecordFields(object, path, this);
    }

    /**
     * The text of a string, number or boolean (trimmed if this dialect trims); empty for anything else and
     * for text that counts as absent. Never fails: for values that are hints, not the record's identity.
     */
    public Optional<String> looseText(JsonNode value) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            return Optional.empty();
        }
        return present(value.isString() ? value.stringValue() : value.asString());
    }

    /** Text as this dialect keeps it: as written, or trimmed with blank text absent. */
    Optional<String> present(String text) {
        if (!trimsText) {
            return Optional.of(text);
        }
        String trimmed = text.trim();
        return trimmed.isBlank() ? Optional.empty() : Optional.of(trimmed);
    }
}
