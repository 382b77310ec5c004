package io.keyledger.aws.sweep;

import io.keyledger.core.alert.AlertService;
import io.keyledger.core.ingest.IngestListener;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantResolver;
import java.time.Clock;
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
     * @param sources the key source of a scope ({@link AwsSweepScopes#keySource})
     * @param alerts  when present, each report's audit gaps raise alerts
     */
    public SweepWorker(Function<SweepScope, KeySource> sources, InventoryStore store, TenantResolver tenants,
                       Clock clock, Optional<AlertService> alerts) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        InventoryService inventory = new InventoryService(store, tenants, clock, IngestListener.NONE, alerts);
        this.reconciler = new Reconciler(inventory, store, tenants, clock, alerts);
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
        String tenant = tenants.tenantOf(new KeyRef(scope.provider(), scope.account(), scope.location(), "sweep-scope"));
        if (request.tenant().isPresent() && !request.tenant().get().equals(tenant)) {
            throw new IllegalArgumentException("sweep request " + request.sweepId() + " for " + scope.id()
                    + " names tenant '" + request.tenant().get() + "', but account " + scope.account()
                    + " belongs to tenant '" + tenant + "' here");
        }
        return reconciler.sweep(request.sweepId(), sources.apply(scope), request.cursor());
    }

    /** The message that lists the rest of a scope cut short, if the outcome has a cursor to resume from. */
    public static Optional<SweepRequest> followUp(SweepRequest request, SweepOutcome outcome) {
        return outcome.resumeCursor().map(request::resumeAt);
    }
}
