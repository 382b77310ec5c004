package io.keyledger.aws.sweep;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantResolver;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sweeps the one scope a queue message names ({@link SweepRequest}): builds the scope's key source,
 * reconciles it into the inventory store and stores the report there ({@link Reconciler}), whatever the
 * store. The same sweep id and scope delivered twice (SQS delivers at least once) write the same
 * corrections under the same event ids, so a repeat changes nothing.
 *
 * <p>A scope cut short (throttled past its budget, say) comes back partial with a resume cursor:
 * {@link #followUp} gives the message that lists the rest.
 */
public final class SweepWorker {

    private final Function<SweepScope, KeySource> sources;
    private final TenantResolver tenants;
    private final Reconciler reconciler;

    /**
     * @param sources  the key source of a scope ({@link AwsSweepScopes#keySource})
     * @param services the container's core services: their tenant mapping and reconciler (whose audit gaps
     *                 raise alerts when their settings detect anomalies)
     */
    public SweepWorker(Function<SweepScope, KeySource> sources, CoreServices services) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.tenants = services.settings().tenants();
        this.reconciler = services.reconciler();
    }

    /**
     * Sweeps the scope of a message body.
     *
     * @throws IllegalArgumentException when the body is not a sweep request, or names a tenant the scope's
     *                                  account does not belong to here
     */
    public SweepOutcome handle(String messageBody) {
        return handle(SweepRequest.fromJson(messageBody));
    }

    public SweepOutcome handle(SweepRequest request) {
        SweepScope scope = request.scope();
        // Resolved once, here: the reconciler sweeps into the tenant it is given.
        String tenant = tenants.tenantOf(scope.provider(), scope.account());
        if (request.tenant().isPresent() && !request.tenant().get().equals(tenant)) {
            throw new IllegalArgumentException("sweep request " + request.sweepId() + " for " + scope.id()
                    + " names tenant '" + request.tenant().get() + "', but account " + scope.account()
                    + " belongs to tenant '" + tenant + "' here");
        }
        return reconciler.sweep(tenant, request.sweepId(), sources.apply(scope), request.cursor());
    }

    /** The message that lists the rest of a scope cut short, if the outcome has a cursor to resume from. */
    public static Optional<SweepRequest> followUp(SweepRequest request, SweepOutcome outcome) {
        return outcome.resumeCursor().map(request::resumeAt);
    }
}
