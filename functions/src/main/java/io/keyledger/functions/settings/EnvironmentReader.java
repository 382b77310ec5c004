package io.keyledger.functions.settings;

import io.keyledger.core.alert.PolicyFormatException;
import io.keyledger.core.ingest.IngestLimits;
import io.keyledger.core.ingest.IngestLimitsJson;
import io.keyledger.core.json.Json;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.core.tenant.TenantMappingJson;
import io.keyledger.functions.api.CursorSeal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a function's settings from its environment, the same way on every cloud: blank values count as
 * unset, and each error names the variable. Each cloud's settings keep their own variable names, patterns
 * and exception type; the wording of the errors is this class's.
 */
public final class EnvironmentReader {

    private final Map<String, String> env;
    private final Function<String, ? extends RuntimeException> error;

    /** @param error the cloud's settings exception, made from the message */
    public EnvironmentReader(Map<String, String> env, Function<String, ? extends RuntimeException> error) {
        this.env = Objects.requireNonNull(env, "env");
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The error the cloud's settings throw, with this message. */
    public RuntimeException error(String message) {
        return error.apply(message);
    }

    /** The whole environment, for settings read as a group elsewhere. */
    public Map<String, String> env() {
        return env;
    }

    public Optional<String> text(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String required(String name, Pattern pattern, String expected) {
        return optional(name, pattern, expected)
                .orElseThrow(() -> error(name + " is not set: expected " + expected));
    }

    public Optional<String> optional(String name, Pattern pattern, String expected) {
        Optional<String> v = text(name);
        v.ifPresent(value -> {
            if (!pattern.matcher(value).matches()) {
                throw error(name + ": expected " + expected + ", was '" + value + "'");
            }
        });
        return v;
    }

    /** Like {@link #optional} but never repeats the value in an error. */
    public Optional<String> secret(String name, Pattern pattern, String expected) {
        Optional<String> v = text(name);
        if (v.isPresent() && !pattern.matcher(v.get()).matches()) {
            throw error(name + ": expected " + expected + " (value not shown)");
        }
        return v;
    }

    /** {@code true} or {@code false}, as written; unset is false. */
    public boolean flag(String name) {
        Optional<String> v = text(name);
        if (v.isPresent() && !v.get().equals("true") && !v.get().equals("false")) {
            throw error(name + ": expected true or false, was '" + v.get() + "'");
        }
        return v.map(Boolean::parseBoolean).orElse(false);
    }

    /** A comma-separated list, or a JSON array of strings. */
    public List<String> list(String name, Pattern pattern, String expected) {
        Optional<String> v = text(name);
        if (v.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        if (v.get().startsWith("[")) {
            JsonNode array = json(name, v.get());
            if (!array.isArray()) {
                throw error(name + ": expected a JSON array of strings");
            }
            for (JsonNode item : array.values()) {
                if (!item.isString()) {
                    throw error(name + ": expected a JSON array of strings, found " + item);
                }
                items.add(item.asString().trim());
            }
        } else {
            for (String item : v.get().split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        for (int i = 0; i < items.size(); i++) {
            if (!pattern.matcher(items.get(i)).matches()) {
                throw error(name + ": item " + (i + 1) + " '" + items.get(i) + "' is not " + expected);
            }
        }
        return List.copyOf(items);
    }

    /**
     * The tenant mapping of {@code name}: the CLI's tenants.json, or the deployment's short form that
     * {@code canonical} turns into it (throwing {@link IllegalArgumentException} naming the member it refuses).
     */
    public TenantMapping tenants(String name, UnaryOperator<JsonNode> canonical) {
        Optional<String> v = text(name);
        if (v.isEmpty()) {
            return TenantMapping.defaultOnly();
        }
        JsonNode root = json(name, v.get());
        try {
            return TenantMappingJson.parse(canonical.apply(root));
        } catch (IllegalArgumentException e) {
            throw error(name + ": " + e.getMessage());
        }
    }

    /** The {@code limits} member of the tenant mapping's variable, each figure within the hard caps. */
    public IngestLimits limits(String tenants) {
        Optional<String> v = text(tenants);
        if (v.isEmpty()) {
            return IngestLimits.DEFAULTS;
        }
        JsonNode root = json(tenants, v.get());
        try {
            return IngestLimitsJson.parse(root.isObject() ? root.get("limits") : null);
        } catch (IllegalArgumentException e) {
            throw error(tenants + ": " + e.getMessage());
        }
    }

    /** The admin API's secret for page cursors, checked but never repeated in an error. */
    public Optional<String> cursorKey(String name) {
        Optional<String> v = text(name);
        try {
            v.ifPresent(CursorSeal::fromSetting);
        } catch (IllegalArgumentException e) {
            throw error(name + ": " + e.getMessage());
        }
        return v;
    }

    /** The policy file's JSON form in {@code name}, read by {@code parse}; unset: {@code unset}. */
    public <T> T policy(String name, T unset, BiFunction<String, JsonNode, T> parse) {
        Optional<String> v = text(name);
        if (v.isEmpty()) {
            return unset;
        }
        JsonNode root = json(name, v.get());
        try {
            return parse.apply(name, root);
        } catch (PolicyFormatException e) {
            throw error(e.getMessage());
        }
    }

    /** The variable's text as JSON. */
    public JsonNode json(String name, String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JacksonException e) {
            throw error(name + ": not valid JSON: " + e.getOriginalMessage());
        }
    }
}
