package io.keyledger.azure.functions;

import io.keyledger.azure.keyvault.VaultScopes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@value AzureFunctionNames#SWEEP_SCHEDULE}: on the timer ({@code KEYLEDGER_SWEEP_SCHEDULE}), lists every vault
 * and managed HSM of the configured subscriptions (or management group) and queues one message per vault.
 * The sweep id is the minute it ran ({@code schedule-20261128T0200}), so that a retried run queues the same
 * sweep again, which repeats nothing. Fails when vaults were found but none could be queued, or when none
 * could be listed at all, so that the failure shows in the app's monitoring.
 */
final class ScheduledSweep implements Function<String, FanOutSummary> {

    static final DateTimeFormatter SWEEP_ID = DateTimeFormatter.ofPattern("'schedule-'yyyyMMdd'T'HHmm")
            .withZone(ZoneOffset.UTC);

    private final Supplier<VaultScopes> scopes;
    private final SweepQueue queue;
    private final Clock clock;

    ScheduledSweep(Supplier<VaultScopes> scopes, SweepQueue queue, Clock clock) {
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param timer the timer's payload (schedule status, past-due flag), logged by the entry point only */
    @Override
    public FanOutSummary apply(String timer) {
        String sweepId = SWEEP_ID.format(clock.instant());
        VaultScopes.ScopeListing listing = scopes.get().scopes();
        if (listing.scopes().isEmpty() && !listing.unreachableSubscriptions().isEmpty()) {
            throw new IllegalStateException("sweep " + sweepId + ": no subscription's vaults could be listed: "
                    + listing.unreachableSubscriptions());
        }
        FanOutSummary summary = FanOutSummary.of(sweepId, listing, queue.enqueue(sweepId, listing.scopes()));
        if (summary.vaults() > 0 && summary.sent() == 0) {
            throw new IllegalStateException("sweep " + sweepId + ": no vault could be queued on " + queue.name() + ": "
                    + summary.failed().get(0));
        }
        return summary;
    }
}
