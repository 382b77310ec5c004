package io.keyledger.gcp.functions;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantResolver;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code sweepScope}: sweeps the one scope a message names into the inventory store, through the core's
 * reconciler, which stores the report. The same sweep id and scope delivered twice (Pub/Sub delivers at
 * least once) write the same corrections under the same event ids, so a repeat changes nothing.
 *
 * <p>A scope cut short (throttled past its budget: Cloud KMS allows 300 reads a minute per project) comes
 * back partial with a resume cursor, and its rest is published as a follow-up message; the message itself
 * is done. When the follow-up cannot be published the call fails, so that the message is delivered again
 * and swept from where it started.
 */
final class ScopeSweepFunction implements Function<SweepRequest, ScopeSwept> {

    private static final Logger LOG = System.getLogger(ScopeSweepFunction.class.getName());

    private final SweepSources sources;
    private final TenantResolver tenants;
    private final Reconciler reconciler;
    private final SweepTopic followUps;

    ScopeSweepFunction(SweepSources sources, CoreServices services, SweepTopic followUps) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.tenants = services.settings().tenants();
        this.reconciler = services.reconciler();
        this.followUps = Objects.requireNonNull(followUps, "followUps");
    }

    /**
     * @throws SweepRequestRefused when the request names a tenant its project does not belong to here
     */
    @Override
    public ScopeSwept apply(SweepRequest request) {
        SweepScope scope = request.scope();
        // Resolved once, here: the reconciler sweeps into the tenant it is given.
        String tenant = tenants.tenantOf(scope.provider(), scope.account());
        if (request.tenant().isPresent() && !request.tenant().get().equals(tenant)) {
            throw new SweepRequestRefused("sweep request " + request.sweepId() + " for " + scope.id() + " names tenant '"
                    + request.tenant().get() + "', but project " + scope.account() + " belongs to tenant '" + tenant
                    + "' here");
        }
        SweepOutcome outcome = reconciler.sweep(tenant, request.sweepId(), sources.keySource(scope), request.cursor());
        log(request, outcome);
        Optional<String> followUp = outcome.resumeCursor()
                .map(cursor -> followUps.send(List.of(request.resumeAt(cursor))).get(0));
        followUp.ifPresent(id -> LOG.log(Level.INFO, () -> KeyLedgerGcpConfiguration.SWEEP_SCOPE + ": sweep "
                + request.sweepId() + " " + scope.id() + " continues in message " + id));
        return new ScopeSwept(request, outcome, followUp);
    }

    private static void log(SweepRequest request, SweepOutcome outcome) {
        SweepReport report = outcome.report();
        LOG.log(Level.INFO, () -> KeyLedgerGcpConfiguration.SWEEP_SCOPE + ": sweep " + request.sweepId() + " "
                + report.scope().id() + " (tenant " + report.tenant() + "): " + report.keys().size() + " keys, "
                + report.counts().getOrDefault(KeyClass.UNTRACKED, 0L) + " untracked, "
                + report.counts().getOrDefault(KeyClass.MISSING, 0L) + " missing, "
                + report.counts().getOrDefault(KeyClass.DRIFTED, 0L) + " drifted"
                + (outcome.complete() ? "" : ", cut short"));
    }
}
