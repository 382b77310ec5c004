package io.keyledger.core.tenant;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The tenants mapping as JSON, the one format the CLI's tenants.json and the functions'
 * configuration share:
 * <pre>{"accounts": {"aws:111122223333": "acme", "gcp:my-project": "beta"}, "default": "default"}</pre>
 * Account keys are {@code <provider>:<account scope>}; accounts it does not name go to the default tenant.
 */
public final class TenantMappingJson {

    private TenantMappingJson() {
    }

    /** @throws IllegalArgumentException naming the field that is wrong, or saying the text is not JSON */
    public static TenantMapping parse(String text) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        return parse(root);
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public static TenantMapping parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with 'accounts' and 'default'");
        }
        for (String name : root.propertyNames()) {
            // A misspelt field must not silently send every key to the default tenant.
            // 'limits' is the tenants' input limits, read by IngestLimitsJson from the same file.
            if (!name.equals("accounts") && !name.equals("default") && !name.equals("limits")) {
                throw new IllegalArgumentException("field '" + name + "': unknown (expected 'accounts', 'default' "
                        + "and 'limits')");
            }
        }
        String fallback = TenantIds.DEFAULT;
        JsonNode fallbackNode = root.get("default");
        if (fallbackNode != null && !fallbackNode.isNull()) {
            fallback = tenant(fallbackNode, "default");
        }
        Map<String, String> accounts = new LinkedHashMap<>();
        JsonNode accountsNode = root.get("accounts");
        if (accountsNode != null && !accountsNode.isNull()) {
            if (!accountsNode.isObject()) {
                throw new IllegalArgumentException(
                        "field 'accounts': expected an object of \"<provider>:<account>\": \"<tenant>\"");
            }
            for (Map.Entry<String, JsonNode> e : accountsNode.properties()) {
                String field = "accounts." + e.getKey();
                accounts.put(accountKey(e.getKey(), field), tenant(e.getValue(), field));
            }
        }
        return new TenantMapping(accounts, fallback);
    }

    /** Normalises the provider part ("google:p" and "GCP:p" are "gcp:p"), since events use the code. */
    private static String accountKey(String key, String field) {
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            throw new IllegalArgumentException("field '" + field + "': expected <provider>:<account>, e.g. aws:111122223333");
        }
        try {
            return TenantMapping.accountKey(Provider.parse(key.substring(0, colon)), key.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "': " + e.getMessage());
        }
    }

    private static String tenant(JsonNode node, String field) {
        if (!node.isString()) {
            throw new IllegalArgumentException("field '" + field + "': expected a tenant id string");
        }
        try {
            return TenantIds.requireValid(node.asString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "': " + e.getMessage());
        }
    }
}
