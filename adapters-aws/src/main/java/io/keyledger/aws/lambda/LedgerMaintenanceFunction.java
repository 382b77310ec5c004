package io.keyledger.aws.lambda;

import io.keyledger.core.archive.Archiver;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionService;
import io.keyledger.core.store.InventoryStore;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.messaging.Message;

/**
 * {@code maintainLedger}: once a day (EventBridge Scheduler), for every tenant, moves the ledger records older
 * than its hot window to the archive in the ledger bucket, then purges what retention lets go (signed
 * attestation, checkpoint). Both verify the tenant's ledger first and do nothing to a ledger that does not
 * verify; such a tenant, or any other failure, is reported and fails the invocation after the other tenants
 * are done, so that the schedule's retries and dead-letter queue (and its alarm) see it.
 */
final class LedgerMaintenanceFunction implements Function<Message<byte[]>, Map<String, String>> {

    private static final Logger LOG = System.getLogger(LedgerMaintenanceFunction.class.getName());

    private final InventoryStore store;
    private final Optional<Archiver> archiver;
    private final RetentionService retention;

    LedgerMaintenanceFunction(InventoryStore store, Optional<Archiver> archiver, RetentionService retention) {
        this.store = Objects.requireNonNull(store, "store");
        this.archiver = Objects.requireNonNull(archiver, "archiver");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    @Override
    public Map<String, String> apply(Message<byte[]> ignored) {
        Map<String, String> outcome = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (String tenant : store.tenants()) {
            try {
                String archived = archiver.map(a -> {
                    Archiver.Archived r = a.archive(tenant);
                    return "archived " + r.records() + " records in " + r.segments().size() + " segments";
                }).orElse("no archive tier");
                PurgeResult purged = retention.purgeExpired(tenant);
                outcome.put(tenant, archived + "; purged " + purged.events() + " events, " + purged.ledgerRecords()
                        + " ledger records, " + purged.assets() + " key records");
            } catch (RuntimeException e) {
                failures.put(tenant, e.getMessage());
                outcome.put(tenant, "FAILED: " + e.getMessage());
            }
        }
        outcome.forEach((tenant, what) -> LOG.log(failures.containsKey(tenant) ? Level.ERROR : Level.INFO,
                KeyLedgerLambdaConfiguration.MAINTAIN_LEDGER + ": tenant " + tenant + ": " + what));
        if (!failures.isEmpty()) {
            throw new IllegalStateException(KeyLedgerLambdaConfiguration.MAINTAIN_LEDGER + ": " + failures.size()
                    + " of " + outcome.size() + " tenants not maintained: " + failures);
        }
        return outcome;
    }
}
