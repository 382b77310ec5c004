package io.keyledger.core.ownership;

import io.keyledger.core.alert.PolicyFormatException;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.ownership.ResponsibilityRule.Condition;
import io.keyledger.core.tenant.TenantIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code inventory} blocks of a policy file (docs/ALERTS.md): one at the top level for every
 * tenant, and one per tenant under {@code tenants.<id>} that replaces the fields it names. Unknown
 * fields are errors, so that a typo never leaves a rule at its default.
 */
public final class InventoryPolicyReader {

    private static final List<String> FIELDS = List.of("owner-tags", "owner-from-creator", "responsibility");
    private static final List<String> RULE_FIELDS = List.of("when", "party", "mode");

    private final String source;

    private InventoryPolicyReader(String source) {
        this.source = source;
    }

    /** The inventory policies of a parsed policy file; {@code source} names it in errors. */
    public static InventoryPolicies read(String source, JsonNode root) {
        InventoryPolicyReader r = new InventoryPolicyReader(source);
        if (absent(root) || !root.isObject()) {
            return InventoryPolicies.DEFAULT;
        }
        InventoryPolicy defaults = r.policy(root.get("inventory"), "inventory", InventoryPolicy.DEFAULT);
        Map<String, InventoryPolicy> tenants = new LinkedHashMap<>();
        JsonNode t = root.get("tenants");
        if (!absent(t) && t.isObject()) {
            for (Map.Entry<String, JsonNode> e : t.properties()) {
                JsonNode block = e.getValue().isObject() ? e.getValue().get("inventory") : null;
                if (!absent(block)) {
                    String path = "tenants." + e.getKey() + ".inventory";
                    try {
                        TenantIds.requireValid(e.getKey());
                    } catch (IllegalArgumentException invalid) {
                        throw r.error("tenants." + e.getKey(), invalid.getMessage());
                    }
                    tenants.put(e.getKey(), r.policy(block, path, defaults));
                }
            }
        }
        return new InventoryPolicies(defaults, tenants);
    }

    private InventoryPolicy policy(JsonNode n, String path, InventoryPolicy base) {
        if (absent(n)) {
            return base;
        }
        if (!n.isObject()) {
            throw error(path, "expected a mapping of fields");
        }
        for (String name : n.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw error(path + "." + name, "unknown field (expected one of " + String.join(", ", FIELDS) + ")");
            }
        }
        List<String> tags = absent(n.get("owner-tags")) ? base.ownerTags() : texts(n.get("owner-tags"), path + ".owner-tags");
        boolean fromCreator = base.ownerFromCreator();
        JsonNode c = n.get("owner-from-creator");
        if (!absent(c)) {
            if (!c.isBoolean()) {
                throw error(path + ".owner-from-creator", "expected true or false, was " + c);
            }
            fromCreator = c.booleanValue();
        }
        List<ResponsibilityRule> rules = absent(n.get("responsibility")) ? base.responsibility()
                : rules(n.get("responsibility"), path + ".responsibility");
        return new InventoryPolicy(tags, fromCreator, rules);
    }

    private List<ResponsibilityRule> rules(JsonNode n, String path) {
        if (!n.isArray()) {
            throw error(path, "expected a list of rules");
        }
        List<ResponsibilityRule> out = new ArrayList<>();
        int i = 0;
        for (JsonNode rule : n.values()) {
            String at = path + "[" + i++ + "]";
            if (!rule.isObject()) {
                throw error(at, "expected a mapping with when, party and mode");
            }
            for (String name : rule.propertyNames()) {
                if (!RULE_FIELDS.contains(name)) {
                    throw error(at + "." + name, "unknown field (expected one of " + String.join(", ", RULE_FIELDS) + ")");
                }
            }
            String when = text(rule.get("when"), at + ".when");
            Condition condition = Condition.parse(when).orElseThrow(() -> error(at + ".when", "unknown condition '"
                    + when + "' (expected one of " + Arrays.stream(Condition.values()).map(Condition::fileName)
                    .collect(Collectors.joining(", ")) + ")"));
            String partyText = text(rule.get("party"), at + ".party");
            ResponsibilityParty party;
            try {
                party = ResponsibilityParty.valueOf(partyText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(at + ".party", "unknown party '" + partyText + "' (expected customer, provider or shared)");
            }
            if (party == ResponsibilityParty.UNKNOWN) {
                throw error(at + ".party", "a rule must name a party (customer, provider or shared)");
            }
            String mode = absent(rule.get("mode")) ? "" : text(rule.get("mode"), at + ".mode");
            out.add(new ResponsibilityRule(condition, party, mode));
        }
        return out;
    }

    private List<String> texts(JsonNode n, String path) {
        if (!n.isArray()) {
            throw error(path, "expected a list");
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : n.values()) {
            out.add(text(item, path + "[" + i++ + "]"));
        }
        return out;
    }

    private String text(JsonNode n, String path) {
        if (absent(n)) {
            throw error(path, "missing");
        }
        if (!n.isString() || n.stringValue().isBlank()) {
            throw error(path, "expected a non-empty text, was " + n);
        }
        return n.stringValue().trim();
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    private PolicyFormatException error(String path, String message) {
        return new PolicyFormatException(source + ": " + path + ": " + message);
    }
}
