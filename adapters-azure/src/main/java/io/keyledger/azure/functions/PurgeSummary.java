package io.keyledger.azure.functions;

import io.keyledger.core.retention.PurgeResult;
import java.util.Map;
import java.util.stream.Collectors;

/** What one run of {@value AzureFunctionNames#PURGE_EXPIRED} removed per tenant, and the tenants it failed on (why). */
public record PurgeSummary(Map<String, PurgeResult> purged, Map<String, String> failed) {

    public PurgeSummary {
        purged = Map.copyOf(purged);
        failed = Map.copyOf(failed);
    }

    /** One line per tenant: what went, or that nothing had expired. */
    public Map<String, String> lines() {
        return purged.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().removedAnything()
                ? "purged " + e.getValue().events() + " events, " + e.getValue().ledgerRecords() + " ledger records, "
                        + e.getValue().assets() + " key records"
                : "nothing expired"));
    }

    @Override
    public String toString() {
        int events = purged.values().stream().mapToInt(PurgeResult::events).sum();
        int ledger = purged.values().stream().mapToInt(PurgeResult::ledgerRecords).sum();
        int assets = purged.values().stream().mapToInt(PurgeResult::assets).sum();
        return purged.size() + " tenants purged (" + events + " events, " + ledger + " ledger records, " + assets
                + " key records), " + failed.size() + " failed";
    }
}
