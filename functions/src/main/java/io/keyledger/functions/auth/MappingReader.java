package io.keyledger.functions.auth;

import io.keyledger.core.access.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns mapping JSON into a {@link PrincipalMapping}. Unknown fields are errors, so that a typo never
 * silently leaves someone without (or with) access.
 */
final class MappingReader {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final List<String> ENTRY_FIELDS =
            List.of("description", "issuer", "subject", "email", "azureObjectId", "iamArn", "tenants");
    private static final List<String> KINDS = List.of("subject", "email", "azureObjectId", "iamArn");

    private final String source;

    private MappingReader(String source) {
        this.source = source;
    }

    static PrincipalMapping read(String source, String json) {
        MappingReader reader = new MappingReader(source);
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new MappingFormatException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return PrincipalMapping.EMPTY;
        }
        reader.requireFields(root, "(top level)", List.of("principals"));
        JsonNode principals = root.get("principals");
        if (principals == null || principals.isNull()) {
            return PrincipalMapping.EMPTY;
        }
        if (!principals.isArray()) {
            throw reader.error("principals", "expected a list of entries");
        }
        List<PrincipalMapping.Entry> entries = new ArrayList<>();
        for (int i = 0; i < principals.size(); i++) {
            entries.add(reader.entry(principals.get(i), "principals[" + i + "]"));
        }
        return PrincipalMapping.of(entries);
    }

    private PrincipalMapping.Entry entry(JsonNode node, String path) {
        requireFields(node, path, ENTRY_FIELDS);
        List<String> kinds = KINDS.stream().filter(node::has).toList();
        if (kinds.size() != 1) {
            throw error(path, "an entry names exactly one of subject (with issuer), email, azureObjectId or iamArn"
                    + (kinds.isEmpty() ? "" : "; found " + String.join(", ", kinds)));
        }
        String kind = kinds.get(0);
        String value = text(node, kind, path);
        String named = path + " (" + kind + " " + value + ")";
        Optional<String> issuer = node.has("issuer") ? Optional.of(text(node, "issuer", named)) : Optional.empty();
        if (issuer.isPresent() && !kind.equals("subject") && !kind.equals("email")) {
            throw error(named + ".issuer", "only a subject or an email entry names an issuer");
        }
        IdentitySelector selector;
        try {
            selector = switch (kind) {
                case "subject" -> new IdentitySelector.Subject(
                        issuer.orElseThrow(() -> error(named + ".issuer", "required with subject")), value);
                case "email" -> new IdentitySelector.Email(value, issuer);
                case "azureObjectId" -> new IdentitySelector.AzureObjectId(value);
                default -> new IdentitySelector.IamArnPattern(value);
            };
        } catch (IllegalArgumentException invalid) {
            throw error(named + "." + kind, invalid.getMessage());
        }
        return new PrincipalMapping.Entry(selector, tenants(node.get("tenants"), named + ".tenants"));
    }

    private Map<String, Set<Role>> tenants(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw error(path, "required: roles by tenant, such as {\"acme\": [\"auditor\"]}");
        }
        requireFields(node, path, null);
        if (node.isEmpty()) {
            throw error(path, "grants no role in any tenant");
        }
        Map<String, Set<Role>> tenants = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> tenant : node.properties()) {
            String tenantPath = path + "." + tenant.getKey();
            if (tenant.getKey().isBlank()) {
                throw error(path, "empty tenant id");
            }
            try {
                io.keyledger.core.tenant.TenantIds.requireValid(tenant.getKey());
            } catch (IllegalArgumentException invalid) {
                throw error(tenantPath, invalid.getMessage());
            }
            tenants.put(tenant.getKey(), roles(tenant.getValue(), tenantPath));
        }
        return tenants;
    }

    private Set<Role> roles(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty()) {
            throw error(path, "expected a non-empty list of roles (" + RoleNames.GRANTABLE + ")");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < node.size(); i++) {
            JsonNode role = node.get(i);
            String rolePath = path + "[" + i + "]";
            if (!role.isString()) {
                throw error(rolePath, "expected a role name (" + RoleNames.GRANTABLE + ")");
            }
            Role parsed = RoleNames.named(role.asString()).orElseThrow(() -> error(rolePath,
                    "unknown role '" + role.asString() + "' (expected one of " + RoleNames.GRANTABLE + ")"));
            if (parsed == Role.SYSTEM) {
                throw error(rolePath, "the system role belongs to the ingest and sweep functions and cannot be granted");
            }
            roles.add(parsed);
        }
        return roles;
    }

    private String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw error(path + "." + field, "expected a non-empty string");
        }
        return value.asString().strip();
    }

    private void requireFields(JsonNode node, String path, List<String> allowed) {
        if (node == null || !node.isObject()) {
            throw error(path, "expected an object");
        }
        if (allowed != null) {
            for (String name : node.propertyNames()) {
                if (!allowed.contains(name)) {
                    throw error(path.equals("(top level)") ? name : path + "." + name,
                            "unknown field (expected one of " + String.join(", ", allowed) + ")");
                }
            }
        }
    }

    private MappingFormatException error(String path, String message) {
        return new MappingFormatException(source + ": " + path + ": " + message);
    }
}
