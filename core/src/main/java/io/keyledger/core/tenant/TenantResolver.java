package io.keyledger.core.tenant;

import io.keyledger.core.key.KeyRef;

/** Decides which tenant a key belongs to. */
@FunctionalInterface
public interface TenantResolver {

    String tenantOf(KeyRef key);

    /** Everything to one tenant. */
    static TenantResolver single(String tenant) {
        TenantIds.requireValid(tenant);
        return key -> tenant;
    }
}
