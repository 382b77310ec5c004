package io.keyledger.local.cli;

import io.keyledger.core.access.AccessControl;
import io.keyledger.core.access.Operation;
import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Resource;
import io.keyledger.core.access.Role;
import io.keyledger.core.tenant.TenantIds;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The person at the keyboard, as a principal: admin of every tenant in the local database. Modelling
 * it so lets the commands check access exactly as the HTTP API does for its callers.
 */
final class LocalUser {

    private LocalUser() {
    }

    /** The actor name written into the ledger for the user's changes. */
    static String actorId(String userName) {
        return "local:" + userName;
    }

    static Principal admin(String userName, Collection<String> tenants) {
        return principal(userName, tenants, EnumSet.of(Role.ADMIN));
    }

    /** When ingesting, the local user also acts as the ingest function, which is what the system role is for. */
    static Principal ingesting(String userName, Collection<String> tenants) {
        return principal(userName, tenants, EnumSet.of(Role.ADMIN, Role.SYSTEM));
    }

    /** Checks that the local user may ingest into each of {@code tenants}, as the API checks its callers. */
    static void requireIngest(String userName, Collection<String> tenants) {
        Principal user = ingesting(userName, tenants);
        for (String t : tenants) {
            AccessControl.require(user, TenantIds.requireValid(t), Operation.INGEST_EVENTS, Resource.tenant(t));
        }
    }

    /** Checks that the local user may run sweeps into each of {@code tenants}. */
    static void requireSweep(String userName, Collection<String> tenants) {
        Principal user = admin(userName, tenants);
        for (String t : tenants) {
            AccessControl.require(user, TenantIds.requireValid(t), Operation.RUN_SWEEP, Resource.tenant(t));
        }
    }

    private static Principal principal(String userName, Collection<String> tenants, Set<Role> roles) {
        Map<String, Set<Role>> byTenant = new LinkedHashMap<>();
        tenants.forEach(t -> byTenant.put(t, roles));
        return new Principal(actorId(userName), byTenant);
    }
}
