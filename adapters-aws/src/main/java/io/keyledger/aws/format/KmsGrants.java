package io.keyledger.aws.format;

import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.KeyAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A key's grants as ListGrants lists them ({@code Grants[]}: {@code GranteePrincipal},
 * {@code RetiringPrincipal}, {@code GranteeServicePrincipal}, {@code Constraints}), in KeyLedger's
 * attributes: the grantees, the services (AI and platform) acting through them, detected as from events
 * (service principals, service execution roles, context keys of the constraints), and the resources the
 * constraints name.
 */
public final class KmsGrants {

    private KmsGrants() {
    }

    /**
     * The attributes of all of a key's grants (every page read): {@code access.grantees}, and
     * {@code usage.service}, {@code usage.aiService}, {@code usage.aiCategory}, {@code usage.resource} when
     * the grants show them.
     *
     * @param grants  the grant objects of every page
     * @param region  the key's Region, to name resources
     * @param account the key's account
     * @throws RecordFormatException naming {@code Grants[i].GranteePrincipal} when a grant has none
     */
    public static Map<String, String> attributes(List<JsonNode> grants, String region, String account) {
        TreeSet<String> grantees = new TreeSet<>();
        List<String> principals = new ArrayList<>();
        List<String> contextKeys = new ArrayList<>();
        TreeSet<String> resources = new TreeSet<>();
        for (int i = 0; i < grants.size(); i++) {
            JsonNode g = grants.get(i);
            String grantee = g == null ? "" : g.path("GranteePrincipal").asString("");
            if (grantee.isBlank()) {
                throw new RecordFormatException("Grants[" + i + "].GranteePrincipal", "missing");
            }
            if (!grantee.contains(",")) {
                grantees.add(grantee.trim());
            }
            principals.add(grantee);
            text(g, "RetiringPrincipal").ifPresent(principals::add);
            text(g, "GranteeServicePrincipal").ifPresent(principals::add);
            JsonNode constraints = g.get("Constraints");
            if (constraints != null && constraints.isObject()) {
                for (String member : List.of("EncryptionContextSubset", "EncryptionContextEquals")) {
                    JsonNode context = constraints.get(member);
                    if (context != null && context.isObject()) {
                        contextKeys.addAll(context.propertyNames());
                        resources.addAll(ContextResources.ofContext(context, Optional.of(region), Optional.of(account)));
                    }
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put(KeyAttribute.ACCESS_GRANTEES.wireName(), String.join(",", grantees.stream().limit(KeyAccess.LISTED).toList()));
        out.putAll(CallerUsage.ofGrants(principals, contextKeys).attributes());
        if (!resources.isEmpty()) {
            out.put(KeyAttribute.PROTECTED_RESOURCE.wireName(), String.join(",",
                    resources.stream().limit(ContextResources.MAX_PER_CALL).toList()));
        }
        return out;
    }

    private static Optional<String> text(JsonNode g, String name) {
        JsonNode v = g.get(name);
        return v != null && v.isString() && !v.asString().isBlank() ? Optional.of(v.asString()) : Optional.empty();
    }
}
