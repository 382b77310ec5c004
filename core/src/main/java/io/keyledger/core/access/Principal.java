package io.keyledger.core.access;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller and its roles per tenant.
 *
 * @param id    a stable id for audit records (token subject, IAM principal ARN, local user name)
 * @param roles roles by tenant id
 */
public record Principal(String id, Map<String, Set<Role>> roles) {

    public Principal {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a principal needs an id");
        }
        roles = Map.copyOf(Objects.requireNonNull(roles, "roles"));
        roles.values().forEach(Objects::requireNonNull);
    }

    public static Principal of(String id, String tenant, Role... roles) {
        return new Principal(id, Map.of(tenant, Set.of(roles)));
    }

    public Set<Role> rolesIn(String tenant) {
        return roles.getOrDefault(tenant, Set.of());
    }

    /** The tenants in which this principal has any role. */
    public Set<String> tenants() {
        return roles.keySet();
    }
}
