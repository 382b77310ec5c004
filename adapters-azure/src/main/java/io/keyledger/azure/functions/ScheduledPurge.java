package io.keyledger.azure.functions;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.InventoryStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@value AzureFunctionNames#PURGE_EXPIRED}: on the timer ({@code KEYLEDGER_PURGE_SCHEDULE}), removes what has expired
 * in every tenant of the store and attests in each tenant's ledger what went ({@link RetentionService#purgeExpired}).
 * On Storage tables this is what removes expired records (the service has no time to live); on Cosmos DB for Table
 * it removes them before the service's time to live would, so that every ledger record that goes is attested.
 * Records under legal hold never expire, so no purge removes them. A tenant whose purge fails does not stop the
 * others; the run then fails, naming them, so that its retries and the app's monitoring see it. A purge repeated
 * finds nothing more to remove.
 */
final class ScheduledPurge implements Function<String, PurgeSummary> {

    private final InventoryStore store;
    private final RetentionService retention;

    ScheduledPurge(CoreServices services) {
        Objects.requireNonNull(services, "services");
        this.store = services.store();
        this.retention = services.retention();
    }

    /**
     * @param timer the timer's payload, logged by the entry point only
     * @throws PurgeFailedException naming the tenants whose purge failed, with what the others removed
     */
    @Override
    public PurgeSummary apply(String timer) {
        Map<String, PurgeResult> purged = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String tenant : new TreeSet<>(store.tenants())) {
            try {
                purged.put(tenant, retention.purgeExpired(tenant));
            } catch (RuntimeException e) {
                failed.put(tenant, KeyLedgerFunctions.rootMessage(e));
            }
        }
        PurgeSummary summary = new PurgeSummary(purged, failed);
        if (!failed.isEmpty()) {
            throw new PurgeFailedException(summary);
        }
        return summary;
    }
}
