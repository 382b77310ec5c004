package io.keyledger.core.ownership;

import java.util.Map;
import java.util.Objects;

/** The inventory policies of every tenant: a default for all tenants and per-tenant ones. */
public record InventoryPolicies(InventoryPolicy defaults, Map<String, InventoryPolicy> byTenant) {

    public static final InventoryPolicies DEFAULT = new InventoryPolicies(InventoryPolicy.DEFAULT, Map.of());

    public InventoryPolicies {
        Objects.requireNonNull(defaults, "defaults");
        byTenant = Map.copyOf(byTenant);
    }

    public InventoryPolicy forTenant(String tenant) {
        return byTenant.getOrDefault(tenant, defaults);
    }
}
