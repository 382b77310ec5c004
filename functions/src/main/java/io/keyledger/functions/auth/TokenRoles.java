package io.keyledger.functions.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.keyledger.core.access.Role;
import io.keyledger.core.tenant.TenantIds;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A verified token's tenant roles, from its claims or from a mapping. A token that names the system
 * role is refused outright: no token can grant it, and one that tries is not to be trusted at all.
 */
final class TokenRoles {

    private TokenRoles() {
    }

    static Map<String, Set<Role>> of(RoleSource source, JWTClaimsSet claims, Identity identity) {
        if (source instanceof RoleSource.Mapped mapped) {
            return mapped.mapping().rolesOf(identity);
        }
        if (source instanceof RoleSource.TenantClaims tenantClaims) {
            return fromTenantClaims(tenantClaims, claims);
        }
        return fromTenantRoleList(((RoleSource.TenantRoleList) source).claim(), claims);
    }

    private static Map<String, Set<Role>> fromTenantClaims(RoleSource.TenantClaims source, JWTClaimsSet claims) {
        Object tenant = claims.getClaim(source.tenantClaim());
        List<String> names = strings(claims.getClaim(source.rolesClaim()), source.rolesClaim());
        if (tenant == null && names.isEmpty()) {
            return Map.of();
        }
        if (!(tenant instanceof String tenantId) || !validTenant(tenantId)) {
            throw new AuthenticationException("bearer token claim '" + source.tenantClaim() + "' is not a tenant id");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(name -> granted(name).ifPresent(roles::add));
        return roles.isEmpty() ? Map.of() : Map.of(tenantId, roles);
    }

    private static Map<String, Set<Role>> fromTenantRoleList(String claim, JWTClaimsSet claims) {
        Map<String, Set<Role>> roles = new TreeMap<>();
        for (String entry : strings(claims.getClaim(claim), claim)) {
            int colon = entry.lastIndexOf(':');
            String tenant = colon < 0 ? "" : entry.substring(0, colon).strip();
            if (!validTenant(tenant)) {
                throw new AuthenticationException("bearer token claim '" + claim + "' holds an entry that is not tenant:role");
            }
            granted(entry.substring(colon + 1)).ifPresent(role ->
                    roles.computeIfAbsent(tenant, t -> EnumSet.noneOf(Role.class)).add(role));
        }
        return roles;
    }

    /** The role of that name; empty for names that are not KeyLedger's; refuses the system role. */
    private static Optional<Role> granted(String name) {
        Optional<Role> role = RoleNames.named(name);
        if (role.filter(Role.SYSTEM::equals).isPresent()) {
            throw new AuthenticationException("bearer token claims the system role, which no token can grant");
        }
        return role;
    }

    private static List<String> strings(Object value, String claim) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new AuthenticationException("bearer token claim '" + claim + "' is not a list of strings");
    }

    private static boolean validTenant(String tenant) {
        try {
            TenantIds.requireValid(tenant);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
