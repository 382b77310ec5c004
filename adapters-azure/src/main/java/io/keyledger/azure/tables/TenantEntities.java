package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import io.keyledger.core.tenant.TenantIds;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant registry: one entity per tenant in the tenants table ({@code T|<tenant>|REGISTRY} /
 * {@code TENANT}). Every part that writes a tenant's data has it registered first ({@link #writing}), so
 * that {@link #tenants} finds it by reading that small table whole.
 */
final class TenantEntities {

    private final TableCalls registry;
    /** Tenants this store has registered already: registering again is idempotent but costs a write. */
    private final Set<String> listed = ConcurrentHashMap.newKeySet();

    TenantEntities(TableCalls registry) {
        this.registry = registry;
    }

    /** A tenant about to get data: registered for {@link #tenants()} first. */
    String writing(String tenant) {
        TenantIds.requireValid(tenant);
        if (!listed.contains(tenant)) {
            TableEntity e = Entities.entity(Keys.registry(tenant), Keys.TENANT, "TENANT");
            e.addProperty("tenant", tenant);
            registry.upsert(e, "register the tenant " + tenant);
            listed.add(tenant);
        }
        return tenant;
    }

    Set<String> tenants() {
        Set<String> out = new TreeSet<>();
        registry.queryAll("RowKey eq " + Keys.literal(Keys.TENANT), "list tenants")
                .forEach(e -> out.add(Entities.string(e, "tenant")));
        return out;
    }
}
