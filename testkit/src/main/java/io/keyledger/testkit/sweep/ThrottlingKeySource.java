package io.keyledger.testkit.sweep;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.ThrottledException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A provider that throttles: wraps another source and refuses the calls whose number (from 1, lists and
 * describes counted together) the predicate picks with a {@link ThrottledException}, as a live source
 * does on ThrottlingException, 429 or RESOURCE_EXHAUSTED. Records the clock's time of every call, so
 * that tests can check the spacing of calls. Thread-safe.
 */
public final class ThrottlingKeySource implements KeySource {

    private final KeySource delegate;
    private final Clock clock;
    private final IntPredicate throttled;
    private final Optional<Duration> retryAfter;
    private final List<Instant> callTimes = new ArrayList<>();

    public ThrottlingKeySource(KeySource delegate, Clock clock, IntPredicate throttled) {
        this(delegate, clock, throttled, Optional.empty());
    }

    /** @param retryAfter the hint every refusal carries, as a Retry-After header would */
    public ThrottlingKeySource(KeySource delegate, Clock clock, IntPredicate throttled, Optional<Duration> retryAfter) {
        this.delegate = delegate;
        this.clock = clock;
        this.throttled = throttled;
        this.retryAfter = retryAfter;
    }

    /** A source that never throttles, only records when it is called. */
    public static ThrottlingKeySource recording(KeySource delegate, Clock clock) {
        return new ThrottlingKeySource(delegate, clock, n -> false);
    }

    public synchronized List<Instant> callTimes() {
        return List.copyOf(callTimes);
    }

    public synchronized int calls() {
        return callTimes.size();
    }

    @Override
    public SweepScope scope() {
        return delegate.scope();
    }

    @Override
    public KeyListing list(Optional<String> cursor) {
        admit("ListKeys");
        return delegate.list(cursor);
    }

    @Override
    public Optional<ObservedKey> describe(KeyRef key) {
        admit("DescribeKey");
        return delegate.describe(key);
    }

    private synchronized void admit(String operation) {
        callTimes.add(clock.instant());
        if (throttled.test(callTimes.size())) {
            throw new ThrottledException("ThrottlingException: " + operation + " rate exceeded", retryAfter, null);
        }
    }
}
