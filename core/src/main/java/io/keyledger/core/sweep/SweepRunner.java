package io.keyledger.core.sweep;

import io.keyledger.core.tenant.TenantIds;
import io.keyledger.core.tenant.TenantResolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sweeps many scopes under one sweep id, several at a time. Scopes are the unit of parallelism because
 * providers meter per account, project or vault: scopes are independent, and each keeps its own pace
 * through its {@link PacedKeySource}. At most {@code parallelism} scopes are swept at once, so a run
 * over thousands of scopes holds a bounded number of threads and connections.
 *
 * <p>One scope's failure never fails the others: a failure inside the key source's calls already makes
 * the {@link Reconciler} report the scope as partial, and any other exception of a scope becomes a
 * partial report for that scope alone. Each scope's outcome carries the cursor to resume it from.
 */
public final class SweepRunner {

    private final Reconciler reconciler;
    private final TenantResolver tenants;
    private final int parallelism;

    /**
     * @param tenants     resolves each scope's tenant, once, when its sweep starts
     * @param parallelism how many scopes are swept at once, at least one
     */
    public SweepRunner(Reconciler reconciler, TenantResolver tenants, int parallelism) {
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** Sweeps every source's whole scope; the outcomes are in the order of the sources. */
    public List<SweepOutcome> sweep(String sweepId, List<KeySource> sources) {
        return run(sweepId, sources.stream().map(ScopeSweep::whole).toList());
    }

    /**
     * Sweeps each scope, whole or from its start cursor, and returns one outcome per scope in the order
     * given. Waits until every scope is done. A scope may appear only once in a run: its report and its
     * corrections are identified by the sweep id and the scope.
     *
     * @throws CancellationException if the calling thread is interrupted while waiting: the scopes in
     *                               progress are interrupted and end partial
     */
    public List<SweepOutcome> run(String sweepId, List<ScopeSweep> scopes) {
        Objects.requireNonNull(sweepId, "sweepId");
        requireDistinct(sweepId, scopes);
        if (scopes.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, scopes.size()), threads(sweepId));
        try {
            List<Future<SweepOutcome>> running = new ArrayList<>();
            for (ScopeSweep scope : scopes) {
                running.add(pool.submit(() -> sweepOne(sweepId, scope)));
            }
            return collect(running);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Resolves the scope's tenant, then sweeps into it; a scope whose tenant is unknown is reported, not stored. */
    private SweepOutcome sweepOne(String sweepId, ScopeSweep task) {
        Instant started = reconciler.clock().instant();
        SweepScope scope = task.scope();
        String tenant;
        try {
            tenant = TenantIds.requireValid(tenants.tenantOf(scope.provider(), scope.account()));
        } catch (RuntimeException unresolved) {
            return reconciler.unresolved(sweepId, task, started, unresolved);
        }
        try {
            return reconciler.sweep(tenant, sweepId, task.source(), task.startCursor());
        } catch (RuntimeException e) {
            return reconciler.failed(tenant, sweepId, task, started, e);
        }
    }

    /**
     * Waits for every scope. An {@link Error} (out of memory, say) is not a scope's failure but the
     * process's: it is rethrown, but only once the other scopes have finished.
     */
    private static List<SweepOutcome> collect(List<Future<SweepOutcome>> running) {
        List<SweepOutcome> outcomes = new ArrayList<>();
        Error fatal = null;
        for (Future<SweepOutcome> f : running) {
            try {
                outcomes.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("sweep run interrupted");
            } catch (ExecutionException e) {
                Error error = e.getCause() instanceof Error err ? err : new AssertionError(e.getCause());
                if (fatal == null) {
                    fatal = error;
                } else {
                    fatal.addSuppressed(error);
                }
            }
        }
        if (fatal != null) {
            throw fatal;
        }
        return outcomes;
    }

    private static void requireDistinct(String sweepId, List<ScopeSweep> scopes) {
        Set<String> ids = new HashSet<>();
        for (ScopeSweep s : scopes) {
            if (!ids.add(s.scope().id())) {
                throw new IllegalArgumentException("scope " + s.scope().id() + " appears twice in sweep " + sweepId);
            }
        }
    }

    private static ThreadFactory threads(String sweepId) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "keyledger-sweep-" + sweepId + "-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
