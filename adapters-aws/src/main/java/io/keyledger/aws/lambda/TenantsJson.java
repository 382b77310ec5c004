package io.keyledger.aws.lambda;

import io.keyledger.core.key.Provider;
import io.keyledger.core.tenant.TenantIds;
import io.keyledger.core.tenant.TenantMapping;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The tenants mapping, in the format of the CLI's tenants.json:
 * <pre>{"accounts": {"aws:111122223333": "acme", "gcp:my-project": "beta"}, "default": "default"}</pre>
 * or in the deployment's short form, accounts as members of the object itself, a bare 12-digit id being
 * an AWS account:
 * <pre>{"111122223333": "acme", "444455556666": "globex", "default": "shared"}</pre>
 * Account keys are {@code <provider>:<account scope>}; accounts it does not name go to the default tenant.
 * Any other member is an error: a misspelt field must not silently send every key to the default tenant.
 */
final class TenantsJson {

    private static final Pattern AWS_ACCOUNT = Pattern.compile("\\d{12}");

    private TenantsJson() {
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    static TenantMapping parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with 'accounts' and 'default'");
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
            for (String name : root.propertyNames()) {
                if (!name.equals("accounts") && !name.equals("default")) {
                    throw new IllegalArgumentException("field '" + name + "': unknown (expected 'accounts' and 'default')");
                }
            }
            return new TenantMapping(accounts, fallback);
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getKey().equals("default")) {
                String key = AWS_ACCOUNT.matcher(e.getKey()).matches() ? "aws:" + e.getKey() : e.getKey();
                accounts.put(accountKey(key, e.getKey()), tenant(e.getValue(), e.getKey()));
            }
        }
        return new TenantMapping(accounts, fallback);
    }

    /** Normalises the provider part ("AWS:1" is "aws:1"), since events use the provider's code. */
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
