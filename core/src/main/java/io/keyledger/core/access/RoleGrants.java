package io.keyledger.core.access;

import java.util.List;

/**
 * The role grants an entry point is configured with (its principal mapping), per tenant. Grants that
 * KeyLedger makes itself, the local tokens it issues, are in the ledger instead ({@link AccessFacts}).
 */
@FunctionalInterface
public interface RoleGrants {

    /** No configured grant: an entry point whose callers hold only issued tokens (the local server). */
    RoleGrants NONE = tenant -> List.of();

    /** The configured grants in {@code tenant}. */
    List<RoleGrant> inTenant(String tenant);
}
