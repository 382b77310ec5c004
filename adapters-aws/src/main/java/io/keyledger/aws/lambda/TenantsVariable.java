package io.keyledger.aws.lambda;

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
 *   <li>the CLI's tenants.json: {@code {"accounts": {"aws:111122223333": "acme"}, "default": "shared"}};</li>
 *   <li>the deployment's short form, accounts as members of the object itself, a bare 12-digit id being an
 *       AWS account: {@code {"111122223333": "acme", "444455556666": "globex", "default": "shared"}}.</li>
 * </ul>
 * Either may hold the input limits as its {@code limits} member, as the CLI's tenants.json does.
 * Any other member is an error naming it: a misspelt field must not silently send every key to the
 * default tenant.
 */
final class TenantsVariable {

    private static final Pattern AWS_ACCOUNT = Pattern.compile("\\d{12}");

    private TenantsVariable() {
    }

    /** The mapping in the CLI's form, for {@link TenantMappingJson#parse(JsonNode)} to read and check. */
    static JsonNode canonical(JsonNode root) {
        if (root == null || !root.isObject()) {
            return root;
        }
        if (root.has("accounts")) {
            return root;
        }
        ObjectNode out = Json.mapper().createObjectNode();
        ObjectNode accounts = out.putObject("accounts");
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals("default") || e.getKey().equals("limits")) {
                out.set(e.getKey(), e.getValue());
            } else if (AWS_ACCOUNT.matcher(e.getKey()).matches()) {
                accounts.set("aws:" + e.getKey(), e.getValue());
            } else if (e.getKey().indexOf(':') > 0) {
                accounts.set(e.getKey(), e.getValue());
            } else {
                throw new IllegalArgumentException("field '" + e.getKey() + "': expected <provider>:<account> or a "
                        + "12-digit AWS account id, e.g. aws:111122223333");
            }
        }
        return out;
    }
}
