package io.keyledger.core.store;

import io.keyledger.core.key.UsageContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * Merges as {@link #mergeUsage} does, and also says what the rollup was before, for a caller that needs both:
     * stores that read the rollup to merge into it override this, so that the rollup is read once instead of twice.
     */
    default Merge mergeUsageWithBefore(String tenant, String keyId, UsageContext usage) {
        UsageContext before = usage(tenant, keyId).orElse(UsageContext.NONE);
        return new Merge(before, mergeUsage(tenant, keyId, usage));
    }

    /**
     * A merge into a key's rollup.
     *
     * @param before the rollup merged into ({@link UsageContext#NONE} when the key had none)
     * @param after  the rollup after the merge
     */
    record Merge(UsageContext before, UsageContext after) {
        public Merge {
            java.util.Objects.requireNonNull(before, "before");
            java.util.Objects.requireNonNull(after, "after");
        }
    }

    /** The key's usage rollup, if any use was seen. */
    Optional<UsageContext> usage(String tenant, String keyId);

    /**
     * The usage rollups of these keys of the tenant, by key id (keys without one are left out): a page of keys
     * presented with their usage. Stores that can read them in one request override this.
     */
    default Map<String, UsageContext> usages(String tenant, Collection<String> keyIds) {
        Map<String, UsageContext> out = new HashMap<>();
        for (String keyId : keyIds) {
            usage(tenant, keyId).ifPresent(u -> out.put(keyId, u));
        }
        return out;
    }
}
