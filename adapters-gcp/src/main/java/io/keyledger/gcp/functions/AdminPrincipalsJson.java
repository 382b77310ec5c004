package io.keyledger.gcp.functions;

import io.keyledger.core.json.Json;
import io.keyledger.functions.auth.MappingFormatException;
import io.keyledger.functions.auth.OidcSettings;
import io.keyledger.functions.auth.PrincipalMapping;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code KEYLEDGER_ADMIN_PRINCIPALS}: who may call the admin API, in either of two forms.
 * <ul>
 *   <li>The principal mapping file of docs/AUTH.md:
 *       {@code {"principals": [{"email": "ops@acme-sec.iam.gserviceaccount.com", "tenants": {"acme": ["custodian"]}}]}}</li>
 *   <li>The deployment's short form, verified e-mail addresses (people and service accounts) as members:
 *       {@code {"ann@acme.example": {"acme": ["auditor"]}}}, read as {@code email} entries of Google's issuer.</li>
 * </ul>
 * Every mistake is a {@link SettingsException} naming the variable, the entry and the field.
 */
final class AdminPrincipalsJson {

    private AdminPrincipalsJson() {
    }

    static PrincipalMapping parse(String json) {
        String variable = GcpSettings.ADMIN_PRINCIPALS;
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new SettingsException(variable + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SettingsException(variable + ": expected a JSON object");
        }
        String mapping = root.has("principals") ? json : Json.write(principals((ObjectNode) root));
        try {
            return PrincipalMapping.fromJson(variable, mapping);
        } catch (MappingFormatException e) {
            throw new SettingsException(e.getMessage());
        }
    }

    /** {"email": {tenants}, ...} as {"principals": [{"email": ..., "issuer": Google, "tenants": {tenants}}, ...]}. */
    private static ObjectNode principals(ObjectNode shortForm) {
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode entries = out.putArray("principals");
        for (Map.Entry<String, JsonNode> e : shortForm.properties()) {
            ObjectNode entry = entries.addObject();
            entry.put("email", e.getKey());
            entry.put("issuer", OidcSettings.GOOGLE_ISSUER);
            entry.set("tenants", e.getValue());
        }
        return out;
    }
}
