package io.keyledger.azure.functions;

import io.keyledger.azure.keyvault.VaultScopes;
import io.keyledger.core.key.Provider;
import io.keyledger.functions.api.SweepLauncher;
import io.keyledger.functions.sweep.ApiSweepStart;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a tenant's sweep from the admin API ({@code POST /sweeps}) the way the schedule starts one: one
 * message per vault on the sweep queue, for {@value AzureFunctionNames#SWEEP_VAULT} to sweep. The tenant's
 * vaults are those of its subscriptions (those {@code KEYLEDGER_TENANTS} assigns to it; for the default tenant
 * also the subscriptions of {@code KEYLEDGER_SUBSCRIPTIONS} that no entry names), listed through Azure
 * Resource Manager. A subscription only a management group's listing would find cannot be swept from here:
 * it belongs to the default tenant, and the scheduled sweep covers it.
 */
final class QueueSweepLauncher implements SweepLauncher {

    private static final Logger LOG = Logger.getLogger(QueueSweepLauncher.class.getName());

    private final FunctionAppSettings settings;
    private final Supplier<VaultScopes> scopes;
    private final SweepQueue queue;
    private final Clock clock;

    QueueSweepLauncher(FunctionAppSettings settings, Supplier<VaultScopes> scopes, SweepQueue queue, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String start(String tenant, String requestedBy) {
        List<String> subscriptions = subscriptionsOf(tenant);
        if (subscriptions.isEmpty()) {
            throw new IllegalStateException("no Azure subscription of tenant '" + tenant + "' is known here: "
                    + FunctionAppSettings.TENANTS + " names none");
        }
        VaultScopes.ScopeListing listing = scopes.get().scopesOf(subscriptions);
        if (listing.scopes().isEmpty()) {
            throw new IllegalStateException("no vault of tenant '" + tenant + "' was found to sweep"
                    + (listing.unreachableSubscriptions().isEmpty() ? "" : ": " + listing.unreachableSubscriptions()));
        }
        String sweepId = ApiSweepStart.SWEEP_ID.format(clock.instant());
        FanOutSummary summary = FanOutSummary.of(sweepId, listing, queue.enqueue(sweepId, listing.scopes()));
        if (summary.sent() == 0) {
            throw new IllegalStateException("the sweep could not be queued: " + summary.failed().get(0));
        }
        summary.unreachableSubscriptions().forEach((subscription, why) -> LOG.warning(() -> "sweep " + sweepId
                + ": subscription " + subscription + " is not swept: " + why));
        summary.failed().forEach(f -> LOG.warning(() -> "sweep " + sweepId + ": not queued: " + f));
        LOG.log(Level.INFO, () -> AzureFunctionNames.ADMIN_API + ": " + summary + ", tenant " + tenant
                + ", requested by " + requestedBy);
        return sweepId;
    }

    /** The tenant's subscriptions, in the mapping's order; limited to KEYLEDGER_SUBSCRIPTIONS when that is set. */
    List<String> subscriptionsOf(String tenant) {
        return ApiSweepStart.accountsOf(tenant, settings.tenants(), Provider.AZURE, settings.subscriptions());
    }
}
