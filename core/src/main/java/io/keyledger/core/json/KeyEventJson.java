package io.keyledger.core.json;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.AttributeValues;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads and writes normalised {@link KeyEvent}s as JSON (one object per line in files). Reading is
 * strict and names the field at fault; optional parts have defaults: actor "unknown", outcome
 * SUCCESS, no attributes, no version.
 */
public final class KeyEventJson {

    private KeyEventJson() {
    }

    public static String write(KeyEvent event) {
        return Json.write(event);
    }

    /**
     * Reads one event.
     *
     * @param defaultSource the source to record when the JSON names none (the file and line it came from)
     * @throws RecordFormatException naming the field at fault
     */
    public static KeyEvent read(String json, SourcePointer defaultSource) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new RecordFormatException("", "not valid JSON: " + e.getOriginalMessage());
        }
        return read(root, defaultSource);
    }

    /** Reads one event from a parsed record; see {@link #read(String, SourcePointer)}. */
    public static KeyEvent read(JsonNode root, SourcePointer defaultSource) {
        if (root == null || !root.isObject()) {
            throw new RecordFormatException("", "expected a JSON object");
        }
        String eventId = requiredText(root, "eventId");
        Instant eventTime = instant(root, "eventTime");
        Action action = enumValue(Action.class, requiredText(root, "action"), "action");
        KeyRef key = keyRef(root);
        Optional<String> versionId = optionalText(root, "versionId");
        Actor actor = actor(root.get("actor"));
        Outcome outcome = outcome(root.get("outcome"));
        Map<String, String> attributes = attributes(root.get("attributes"));
        SourcePointer source = source(root.get("source"), defaultSource);
        try {
            return new KeyEvent(eventId, eventTime, action, key, versionId, actor, outcome, attributes, source);
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException("", e.getMessage());
        }
    }

    private static KeyRef keyRef(JsonNode root) {
        JsonNode key = root.get("key");
        if (key == null || !key.isObject()) {
            throw new RecordFormatException("key", "missing (an object with provider, accountScope, location, nativeId)");
        }
        Provider provider;
        String providerText = requiredText(key, "provider", "key.provider");
        try {
            provider = Provider.parse(providerText);
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException("key.provider", e.getMessage());
        }
        String account = requiredText(key, "accountScope", "key.accountScope");
        String location = requiredText(key, "location", "key.location");
        String nativeId = requiredText(key, "nativeId", "key.nativeId");
        try {
            return new KeyRef(provider, account, location, nativeId);
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException("key", e.getMessage());
        }
    }

    private static Actor actor(JsonNode node) {
        if (node == null || node.isNull()) {
            return Actor.of("unknown", ActorType.UNKNOWN);
        }
        if (!node.isObject()) {
            throw new RecordFormatException("actor", "expected an object");
        }
        String principal = optionalText(node, "principal", "actor.principal").orElse("unknown");
        ActorType type = optionalText(node, "type", "actor.type")
                .map(t -> enumValue(ActorType.class, t, "actor.type")).orElse(ActorType.UNKNOWN);
        return new Actor(principal, type, optionalText(node, "sourceIp", "actor.sourceIp"),
                optionalText(node, "userAgent", "actor.userAgent"), optionalText(node, "invokedBy", "actor.invokedBy"));
    }

    private static Outcome outcome(JsonNode node) {
        if (node == null || node.isNull()) {
            return Outcome.SUCCESS;
        }
        if (!node.isObject()) {
            throw new RecordFormatException("outcome", "expected an object with a status");
        }
        String status = requiredText(node, "status", "outcome.status").toUpperCase(Locale.ROOT);
        return switch (status) {
            case "SUCCESS" -> Outcome.SUCCESS;
            case "FAILURE" -> Outcome.failure(requiredText(node, "errorCode", "outcome.errorCode"),
                    optionalText(node, "message", "outcome.message").orElse(""));
            default -> throw new RecordFormatException("outcome.status", "expected SUCCESS or FAILURE, was '" + status + "'");
        };
    }

    private static Map<String, String> attributes(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new RecordFormatException("attributes", "expected an object of string values");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = "attributes." + e.getKey();
            if (!KeyAttribute.isValidName(e.getKey())) {
                throw new RecordFormatException(field, "unknown attribute");
            }
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw new RecordFormatException(field, "expected a string, number or boolean");
            }
            try {
                AttributeValues.check(e.getKey(), v.asString());
            } catch (IllegalArgumentException bad) {
                throw new RecordFormatException(field, bad.getCause() == null ? bad.getMessage() : bad.getCause().getMessage());
            }
            out.put(e.getKey(), v.asString());
        }
        return out;
    }

    private static SourcePointer source(JsonNode node, SourcePointer fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isObject()) {
            throw new RecordFormatException("source", "expected an object with kind, location, operation");
        }
        return new SourcePointer(requiredText(node, "kind", "source.kind"),
                optionalText(node, "location", "source.location").orElse(fallback.location()),
                optionalText(node, "operation", "source.operation").orElse(""));
    }

    private static Instant instant(JsonNode root, String field) {
        String text = requiredText(root, field);
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new RecordFormatException(field, "not an ISO-8601 instant such as 2026-01-31T12:00:00Z: '" + text + "'");
        }
        try {
            return AttributeValues.requireInRange(at, "the time");
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException(field, e.getMessage());
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name());
            }
            throw new RecordFormatException(field, "unknown value '" + text + "' (expected one of " + allowed + ")");
        }
    }

    private static String requiredText(JsonNode node, String name) {
        return requiredText(node, name, name);
    }

    private static String requiredText(JsonNode node, String name, String field) {
        return optionalText(node, name, field).orElseThrow(() -> new RecordFormatException(field, "missing"));
    }

    private static Optional<String> optionalText(JsonNode node, String name) {
        return optionalText(node, name, name);
    }

    private static Optional<String> optionalText(JsonNode node, String name, String field) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new RecordFormatException(field, "expected a string");
        }
        String s = v.asString();
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
