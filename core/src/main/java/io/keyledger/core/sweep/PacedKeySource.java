package io.keyledger.core.sweep;

import io.keyledger.core.key.KeyRef;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A key source that keeps another within a provider quota: every {@code list} and {@code describe}
 * waits for its turn in the quota's bucket for that operation class, and a call the provider throttles
 * ({@link ThrottledException}) is retried after an exponential backoff with full jitter, up to the
 * policy's retry budget. Past the budget the call fails with a {@link ThrottledException}, and the
 * {@link Reconciler} reports the scope as partial instead of waiting without end.
 *
 * <p>Every retry takes a turn in the bucket like a first attempt, because the provider counts it as a
 * request. A provider's own retry hint lengthens the wait, but never beyond the backoff cap, so that no
 * single hint holds a sweep worker for longer than the policy allows. Waiting goes through the
 * {@link Sleeper} and jitter comes from the injected generator, so tests run on a clock they move.
 *
 * <p>Safe for use from several threads; the generator is drawn from under its own lock, so one may be
 * shared by several sources.
 */
public final class PacedKeySource implements KeySource {

    private final KeySource delegate;
    private final PacingQuota quota;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Backoff backoff;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong quotaWaitNanos = new AtomicLong();
    private final AtomicLong backoffWaitNanos = new AtomicLong();

    /**
     * @param quota the buckets of the provider quota this source's calls count against, shared with the
     *              other sources metered under the same quota
     */
    public PacedKeySource(KeySource delegate, PacingQuota quota, Sleeper sleeper, RandomGenerator random) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.backoff = quota.policy().backoff();
    }

    /** A source with a quota of its own: right when the provider meters exactly this scope (AWS, Azure). */
    public static PacedKeySource paced(KeySource delegate, PacingPolicy policy, Clock clock, Sleeper sleeper,
                                       RandomGenerator random) {
        return new PacedKeySource(delegate, new PacingQuota(policy, clock), sleeper, random);
    }

    @Override
    public SweepScope scope() {
        return delegate.scope();
    }

    @Override
    public KeyListing list(Optional<String> cursor) {
        return call(OperationClass.LIST, () -> delegate.list(cursor));
    }

    @Override
    public Optional<ObservedKey> describe(KeyRef key) {
        return call(OperationClass.DESCRIBE, () -> delegate.describe(key));
    }

    /**
     * One listing a sweep, which the source paces within its own quota; not retried here: a throttled
     * listing leaves the key stores as their keys tell them until the next sweep.
     */
    @Override
    public java.util.List<ObservedKeyStore> keyStores() {
        return delegate.keyStores();
    }

    /** The operations of the source it paces: pacing sends nothing of its own. */
    @Override
    public Set<ApiOperation> operations() {
        return delegate.operations();
    }

    /** What pacing has cost this source so far. */
    public PacingStats stats() {
        return new PacingStats(calls.get(), retries.get(), givenUp.get(), Duration.ofNanos(quotaWaitNanos.get()),
                Duration.ofNanos(backoffWaitNanos.get()));
    }

    public PacingPolicy policy() {
        return quota.policy();
    }

    private <T> T call(OperationClass operation, Supplier<T> request) {
        int budget = quota.policy().maxRetries();
        for (int retry = 0; ; retry++) {
            pause(quota.bucket(operation).reserve(), quotaWaitNanos, operation);
            calls.incrementAndGet();
            try {
                return request.get();
            } catch (ThrottledException e) {
                if (retry >= budget) {
                    givenUp.incrementAndGet();
                    throw new ThrottledException(operation.name().toLowerCase(Locale.ROOT)
                            + " of " + delegate.scope().id() + " still throttled after " + budget + " retries: "
                            + e.getMessage(), e.retryAfter(), e);
                }
                retries.incrementAndGet();
                pause(backoffBefore(retry, e), backoffWaitNanos, operation);
            }
        }
    }

    private Duration backoffBefore(int retry, ThrottledException e) {
        Duration jittered;
        synchronized (random) {
            jittered = backoff.delay(retry, random);
        }
        Optional<Duration> hint = e.retryAfter().map(h -> h.compareTo(backoff.cap()) > 0 ? backoff.cap() : h);
        return hint.filter(h -> h.compareTo(jittered) > 0).orElse(jittered);
    }

    private void pause(Duration wait, AtomicLong total, OperationClass operation) {
        if (wait.isZero()) {
            return;
        }
        total.addAndGet(wait.toNanos());
        try {
            sleeper.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while pacing a " + operation + " call of "
                    + delegate.scope().id());
        }
    }
}
