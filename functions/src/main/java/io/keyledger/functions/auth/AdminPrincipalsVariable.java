package io.keyledger.functions.auth;

import io.keyledger.core.json.Json;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deployment's variable naming who may call the admin API, in either of two forms: the principal mapping
 * file of docs/AUTH.md ({@code {"principals": [...]}}), or the short form whose members are the cloud's own
 * principal patterns, each with its tenants and roles. Only what a short-form member stands for is the
 * cloud's; every mistake is the cloud's settings exception naming the variable, the entry and the field.
 */
public final class AdminPrincipalsVariable {

    private AdminPrincipalsVariable() {
    }

    /**
     * @param principal fills a principal entry with what the short form's member (its name) identifies
     * @param error     the cloud's settings exception, made from the message
     */
    public static PrincipalMapping parse(String variable, String json, BiConsumer<ObjectNode, String> principal,
                                         Function<String, ? extends RuntimeException> error) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JacksonException e) {
            throw error.apply(variable + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw error.apply(variable + ": expected a JSON object");
        }
        String mapping = root.has("principals") ? json : Json.write(principals((ObjectNode) root, principal));
        try {
            return PrincipalMapping.fromJson(variable, mapping);
        } catch (MappingFormatException e) {
            throw error.apply(e.getMessage());
        }
    }

    /** {"member": {tenants}, ...} as {"principals": [{...member's fields, "tenants": {tenants}}, ...]}. */
    private static ObjectNode principals(ObjectNode shortForm, BiConsumer<ObjectNode, String> principal) {
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode entries = out.putArray("principals");
        for (Map.Entry<String, JsonNode> e : shortForm.properties()) {
            ObjectNode entry = entries.addObject();
            principal.accept(entry, e.getKey());
            entry.set("tenants", e.getValue());
        }
        return out;
    }
}
