package io.keyledger.core.store;

import io.keyledger.core.key.UsageContext;
import java.util.Optional;

/**
 * The usage rollups: cryptographic uses aggregated per key instead of stored one by one.
 * Contract: {@code UsageStoreContract} (in the testkit).
 */
public interface UsageStore {

    /**
     * Merges {@code usage} into the key's usage rollup (with {@link UsageContext#merge}, which is
     * commutative and idempotent) and returns the merged rollup. Cryptographic uses are aggregated
     * here instead of being stored one by one; a rollup may exist before the key's record does.
     */
    UsageContext mergeUsage(String tenant, String keyId, UsageContext usage);

    /** The key's usage rollup, if any use was seen. */
    Optional<UsageContext> usage(String tenant, String keyId);
}
