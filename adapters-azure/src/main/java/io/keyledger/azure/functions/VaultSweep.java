package io.keyledger.azure.functions;

import io.keyledger.azure.keyvault.VaultScopes;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.Reconciler;
import io.keyledger.core.sweep.SweepOutcome;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.tenant.TenantResolver;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@value AzureFunctionNames#SWEEP_VAULT}: sweeps the one vault a sweep queue message names into the inventory
 * and stores its report ({@link Reconciler}). The same sweep id and vault delivered twice (the queue
 * delivers at least once) write the same corrections under the same event ids, so a repeat changes nothing.
 *
 * <p>A vault cut short (throttled past its budget, say) comes back partial with a resume cursor: the next
 * run is queued, visible after {@code KEYLEDGER_SWEEP_FOLLOW_UP_DELAY}, to list the rest. Only a run another run
 * can do better than is followed up: one throttled past its budget, or one that got past where it started before
 * it failed. A run that failed where it started without being throttled (a data plane that denies the deleted-key
 * listing, a vault gone) would fail the same way again: it is left partial, and the next scheduled sweep starts
 * over. A message that is not a sweep
 * request, that names another tenant, or whose sweep fails outside the key source (the store) throws: the
 * queue hands it out again after its visibility timeout, and after {@value QueuedSweep#MAX_DEQUEUE_COUNT}
 * tries the host moves it to the poison queue ({@code <queue>-poison}), where it stays for an operator.
 */
final class VaultSweep implements Function<QueuedSweep, VaultSweepResult> {

    private final Supplier<VaultScopes> scopes;
    private final TenantResolver tenants;
    private final Reconciler reconciler;
    private final SweepQueue queue;
    private final Duration followUpDelay;

    VaultSweep(Supplier<VaultScopes> scopes, CoreServices services, SweepQueue queue, Duration followUpDelay) {
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.tenants = services.settings().tenants();
        this.reconciler = services.reconciler();
        this.queue = Objects.requireNonNull(queue, "queue");
        this.followUpDelay = Objects.requireNonNull(followUpDelay, "followUpDelay");
    }

    /**
     * @throws IllegalArgumentException when the message is not a sweep request, or names a tenant the vault's
     *                                  subscription does not belong to here
     */
    @Override
    public VaultSweepResult apply(QueuedSweep message) {
        VaultSweepRequest request = VaultSweepRequest.fromJson(message.body());
        SweepScope scope = request.scope();
        // Resolved once, here: the reconciler sweeps into the tenant it is given.
        String tenant = tenants.tenantOf(Provider.AZURE, scope.account());
        if (request.tenant().isPresent() && !request.tenant().get().equals(tenant)) {
            throw new IllegalArgumentException("sweep request " + request.sweepId() + " for " + scope.id()
                    + " names tenant '" + request.tenant().get() + "', but subscription " + scope.account()
                    + " belongs to tenant '" + tenant + "' here");
        }
        SweepOutcome outcome = reconciler.sweep(tenant, request.sweepId(), scopes.get().keySource(scope),
                request.cursor());
        Optional<VaultSweepRequest> next = worthResuming(request, outcome) ? outcome.resumeCursor()
                .flatMap(request::resumeAt) : Optional.empty();
        next.ifPresent(n -> queue.followUp(n, followUpDelay));
        return new VaultSweepResult(request, outcome.report(), next);
    }

    /** Whether a later run can get further: throttled past the budget, or past where this run started. */
    static boolean worthResuming(VaultSweepRequest request, SweepOutcome outcome) {
        boolean throttled = outcome.pacing().map(p -> p.givenUp() > 0).orElse(false);
        boolean progressed = outcome.resumeCursor().isPresent() && !outcome.resumeCursor().equals(request.cursor());
        return throttled || progressed;
    }
}
