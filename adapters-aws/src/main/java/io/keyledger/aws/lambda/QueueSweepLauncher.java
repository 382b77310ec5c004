package io.keyledger.aws.lambda;

import io.keyledger.aws.sweep.AwsSweepScopes;
import io.keyledger.aws.sweep.SweepFanOut;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.functions.api.SweepLauncher;
import io.keyledger.functions.sweep.ApiSweepStart;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Starts a tenant's sweep from the admin API ({@code POST /sweeps}) the way the schedule starts one: one
 * message per scope on the sweep queue, for the workers to sweep. The tenant's scopes are its AWS accounts
 * (those {@code KEYLEDGER_TENANTS} assigns to it; for the default tenant also the accounts of
 * {@code KEYLEDGER_ACCOUNTS} that no entry names) in each Region of {@code KEYLEDGER_REGIONS}, or, when
 * that is not set, each account's enabled Regions, listed through the member role.
 *
 * <p>An account only the organisation's listing would find (not named in the tenant mapping) cannot be
 * swept from here: it belongs to the default tenant, and the scheduled sweep covers it.
 */
final class QueueSweepLauncher implements SweepLauncher {

    private static final Logger LOG = System.getLogger(QueueSweepLauncher.class.getName());

    private final LambdaSettings settings;
    private final Supplier<AwsSweepScopes> scopes;
    private final SweepFanOut fanOut;
    private final Clock clock;

    /** @param scopes the sweep's scopes, asked for only to list an account's Regions when none are configured */
    QueueSweepLauncher(LambdaSettings settings, Supplier<AwsSweepScopes> scopes, SweepFanOut fanOut, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String start(String tenant, String requestedBy) {
        List<String> accounts = accountsOf(tenant);
        if (accounts.isEmpty()) {
            throw new IllegalStateException("no AWS account of tenant '" + tenant + "' is known here: "
                    + LambdaSettings.TENANTS + " names none");
        }
        AwsSweepScopes.ScopeListing listing = listing(accounts);
        if (listing.scopes().isEmpty()) {
            throw new IllegalStateException("the Regions of no account of tenant '" + tenant + "' could be listed: "
                    + listing.unreachableAccounts());
        }
        String sweepId = ApiSweepStart.SWEEP_ID.format(clock.instant());
        SweepFanOut.Result result = fanOut.enqueue(sweepId, listing.scopes());
        FanOutSummary summary = SweepFanOutFunction.summary(sweepId, listing, result);
        if (summary.sent() == 0) {
            FanOutSummary.FailedScope first = summary.failed().get(0);
            throw new IllegalStateException("the sweep could not be queued: " + first.code() + ": " + first.message());
        }
        summary.unreachableAccounts().forEach((account, why) ->
                LOG.log(Level.WARNING, "sweep " + sweepId + ": account " + account + " is not swept: " + why));
        summary.failed().forEach(f -> LOG.log(Level.WARNING, "sweep " + sweepId + ": scope " + f.account() + "/"
                + f.region() + " not queued: " + f.code() + ": " + f.message()));
        LOG.log(Level.INFO, () -> KeyLedgerLambdaConfiguration.ADMIN_API + ": " + summary + ", tenant " + tenant
                + ", requested by " + requestedBy);
        return sweepId;
    }

    /** The tenant's AWS accounts, in the mapping's order; limited to KEYLEDGER_ACCOUNTS when that is set. */
    List<String> accountsOf(String tenant) {
        return ApiSweepStart.accountsOf(tenant, settings.tenants(), Provider.AWS, settings.accounts());
    }

    private AwsSweepScopes.ScopeListing listing(List<String> accounts) {
        if (!settings.regions().isEmpty()) {
            List<SweepScope> out = new ArrayList<>();
            accounts.forEach(a -> settings.regions().forEach(r -> out.add(new SweepScope(Provider.AWS, a, r))));
            return new AwsSweepScopes.ScopeListing(out, Map.of());
        }
        AwsSweepScopes listed;
        try {
            listed = scopes.get();
        } catch (SettingsException e) {
            throw new IllegalStateException(LambdaSettings.REGIONS + " is not set, and the accounts' Regions cannot be "
                    + "listed: " + e.getMessage());
        }
        return listed.scopesOf(accounts);
    }
}
