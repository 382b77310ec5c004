package io.keyledger.functions.auth;

import java.util.Objects;

/** Where a verified token's tenant roles come from. A token can never carry the system role. */
public sealed interface RoleSource {

    /**
     * One tenant per token: a string claim names the tenant, another lists role names
     * ({@code "tenant": "acme", "roles": ["auditor"]}; a space-separated string is accepted too).
     * Names that are not KeyLedger roles are ignored (the claim may carry other applications' roles).
     */
    record TenantClaims(String tenantClaim, String rolesClaim) implements RoleSource {
        public TenantClaims {
            requireName(tenantClaim, "tenantClaim");
            requireName(rolesClaim, "rolesClaim");
        }
    }

    /** One claim lists {@code "tenant:role"} strings ({@code "keyledger_roles": ["acme:admin", "beta:viewer"]}). */
    record TenantRoleList(String claim) implements RoleSource {
        public TenantRoleList {
            requireName(claim, "claim");
        }
    }

    /** Roles come from a {@link PrincipalMapping}, by issuer and subject or by verified email. */
    record Mapped(PrincipalMapping mapping) implements RoleSource {
        public Mapped {
            Objects.requireNonNull(mapping, "mapping");
        }
    }

    static RoleSource tenantClaims(String tenantClaim, String rolesClaim) {
        return new TenantClaims(tenantClaim, rolesClaim);
    }

    static RoleSource tenantRoleList(String claim) {
        return new TenantRoleList(claim);
    }

    static RoleSource mapped(PrincipalMapping mapping) {
        return new Mapped(mapping);
    }

    private static void requireName(String name, String field) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(field + ": a claim name is required");
        }
    }
}
