package io.keyledger.core.access;

/** Decides every request by (principal, tenant, operation, resource). Pure logic, no I/O. */
public final class AccessControl {

    private AccessControl() {
    }

    public static AccessDecision decide(Principal principal, String tenant, Operation operation, Resource resource) {
        if (!resource.tenant().equals(tenant) || principal.rolesIn(tenant).isEmpty()) {
            return AccessDecision.NOT_FOUND;
        }
        return principal.rolesIn(tenant).stream().anyMatch(r -> r.allows(operation))
                ? AccessDecision.ALLOWED : AccessDecision.DENIED;
    }

    /** Throws {@link AccessDeniedException} unless the request is allowed. */
    public static void require(Principal principal, String tenant, Operation operation, Resource resource) {
        AccessDecision decision = decide(principal, tenant, operation, resource);
        if (decision != AccessDecision.ALLOWED) {
            throw new AccessDeniedException(decision, decision == AccessDecision.NOT_FOUND
                    ? resource.kind().name().toLowerCase(java.util.Locale.ROOT) + " not found"
                    : principal.id() + " may not " + operation + " in tenant " + tenant);
        }
    }
}
