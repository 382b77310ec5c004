package io.keyledger.core.tenant;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;

/**
 * Decides which tenant a cloud account belongs to, and so every key in it. Entry points resolve a
 * scope's tenant once and pass it on; nothing builds a key just to ask.
 */
@FunctionalInterface
public interface TenantResolver {

    /**
     * The tenant of an account.
     *
     * @param accountScope the AWS account, Azure subscription or Google project ({@link KeyRef#accountScope()})
     */
    String tenantOf(Provider provider, String accountScope);

    /** The tenant of a key: its account's. */
    default String tenantOf(KeyRef key) {
        return tenantOf(key.provider(), key.accountScope());
    }

    /** Everything to one tenant. */
    static TenantResolver single(String tenant) {
        TenantIds.requireValid(tenant);
        return (provider, accountScope) -> tenant;
    }
}
