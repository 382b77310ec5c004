package io.keyledger.gcp.functions;

import io.keyledger.core.json.Json;
import io.keyledger.core.tenant.TenantMappingJson;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code KEYLEDGER_TENANTS} in either of two forms, read by the one tenants-mapping parser
 * ({@link TenantMappingJson}):
 * <ul>
 *   <li>the CLI's tenants.json: {@code {"accounts": {"gcp:acme-payments": "acme"}, "default": "shared"}};</li>
 *   <li>the deployment's short form, accounts as members of the object itself, a bare project id being a
 *       Google Cloud project: {@code {"acme-payments": "acme", "globex-prod": "globex", "default": "shared"}}.</li>
 * </ul>
 * Any other member is an error naming it: a misspelt field must not silently send every key to the
 * default tenant.
 */
final class TenantsVariable {

    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

    private TenantsVariable() {
    }

    /** The mapping in the CLI's form, for {@link TenantMappingJson#parse(JsonNode)} to read and check. */
    static JsonNode canonical(JsonNode root) {
        if (root == null || !root.isObject() || root.has("accounts")) {
            return root;
        }
        ObjectNode out = Json.mapper().createObjectNode();
        ObjectNode accounts = out.putObject("accounts");
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals("default")) {
                out.set("default", e.getValue());
            } else if (e.getKey().indexOf(':') > 0) {
                accounts.set(e.getKey(), e.getValue());
            } else if (PROJECT.matcher(e.getKey()).matches()) {
                accounts.set("gcp:" + e.getKey(), e.getValue());
            } else {
                throw new IllegalArgumentException("field '" + e.getKey() + "': expected <provider>:<account> or a "
                        + "Google Cloud project id, e.g. gcp:acme-payments");
            }
        }
        return out;
    }
}
