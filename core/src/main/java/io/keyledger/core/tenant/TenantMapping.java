package io.keyledger.core.tenant;

import io.keyledger.core.key.Provider;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Maps cloud accounts (AWS account ids, Azure subscriptions or tenants, GCP projects) to tenants, by
 * provider. A key whose account no entry names goes to the fallback tenant ({@code default}).
 *
 * @param accounts keys are {@code <provider code>:<account scope>}, e.g. {@code aws:111122223333}
 */
public record TenantMapping(Map<String, String> accounts, String fallback) implements TenantResolver {

    public TenantMapping {
        Map<String, String> copy = new TreeMap<>();
        accounts.forEach((account, tenant) -> copy.put(account, TenantIds.requireValid(tenant)));
        accounts = Map.copyOf(copy);
        TenantIds.requireValid(Objects.requireNonNull(fallback, "fallback"));
    }

    public static TenantMapping defaultOnly() {
        return new TenantMapping(Map.of(), TenantIds.DEFAULT);
    }

    public static String accountKey(Provider provider, String accountScope) {
        return provider.code() + ":" + accountScope;
    }

    @Override
    public String tenantOf(Provider provider, String accountScope) {
        return accounts.getOrDefault(accountKey(provider, accountScope), fallback);
    }
}
