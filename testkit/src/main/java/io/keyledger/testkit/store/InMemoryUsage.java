package io.keyledger.testkit.store;

import io.keyledger.core.key.UsageContext;
import io.keyledger.core.store.UsageStore;
import java.util.Optional;

/** The usage rollups of an {@link InMemoryInventoryStore}. */
final class InMemoryUsage implements UsageStore {

    private final InMemoryTenants tenants;

    InMemoryUsage(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        synchronized (tenants) {
            return tenants.data(tenant).usage.merge(keyId, usage, UsageContext::merge);
        }
    }

    @Override
    public Merge mergeUsageWithBefore(String tenant, String keyId, UsageContext usage) {
        synchronized (tenants) {
            java.util.Map<String, UsageContext> rollups = tenants.data(tenant).usage;
            UsageContext before = rollups.getOrDefault(keyId, UsageContext.NONE);
            return new Merge(before, rollups.merge(keyId, usage, UsageContext::merge));
        }
    }

    @Override
    public Optional<UsageContext> usage(String tenant, String keyId) {
        synchronized (tenants) {
            return tenants.existing(tenant).map(d -> d.usage.get(keyId));
        }
    }
}
