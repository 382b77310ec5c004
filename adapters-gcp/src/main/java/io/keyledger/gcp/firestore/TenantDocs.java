package io.keyledger.gcp.firestore;

import io.keyledger.core.tenant.TenantIds;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants' documents in the root collection: every tenant's data hangs below its own, and the root's
 * documents are the list {@link #tenants} reads. Every part that writes a tenant's data has it written first
 * ({@link #writing}).
 */
final class TenantDocs {

    private static final String TENANT = "tenant";

    private final FirestoreCalls calls;
    /** Tenants this store has written already: writing again is idempotent but costs a request. */
    private final Set<String> listed = ConcurrentHashMap.newKeySet();

    TenantDocs(FirestoreCalls calls) {
        this.calls = calls;
    }

    /** A tenant about to get data: its document is written first (once per store), so that {@link #tenants} finds it. */
    String writing(String tenant) {
        TenantIds.requireValid(tenant);
        if (!listed.contains(tenant)) {
            Map<String, Object> fields = new HashMap<>();
            fields.put(TENANT, tenant);
            calls.commit(Writes.of().set(calls.layout().tenant(tenant), fields), "list the tenant " + tenant);
            listed.add(tenant);
        }
        return tenant;
    }

    Set<String> tenants() {
        Set<String> out = new TreeSet<>();
        calls.all(calls.layout().tenants(), TENANT, d -> Fields.text(d, TENANT), "list tenants")
                .forEach(d -> out.add(Fields.text(d, TENANT)));
        return out;
    }
}
