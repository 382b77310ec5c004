package io.keyledger.testkit.sweep;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.OperationClass;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.ThrottledException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A simulated provider account and region: it holds its keys, lists them in pages and describes them
 * one at a time, and refuses a call with a {@link ThrottledException} when it would exceed the quota of
 * its operation class over the last second, as AWS KMS answers {@code ThrottlingException} (without a
 * retry hint). Each scope has quotas of its own, as AWS meters per account and region.
 *
 * <p>The cursor is the index of the page's first key, like a saved listing's. Keys removed between
 * sweeps ({@link #remove}) are neither listed nor described afterwards: deleted without an event
 * reaching the inventory, which is what a sweep's missing-key check is for. Removal must not run during
 * a sweep of this scope.
 */
public final class QuotaEnforcingKeySource implements KeySource {

    private final SweepScope scope;
    private final int pageSize;
    private final SlidingWindow lists;
    private final SlidingWindow describes;
    private volatile List<ObservedKey> keys;
    private volatile Map<String, ObservedKey> byId;

    public QuotaEnforcingKeySource(SweepScope scope, List<ObservedKey> keys, int pageSize, int listQuota,
                                   int describeQuota) {
        this(scope, keys, pageSize, listQuota, describeQuota, System::nanoTime);
    }

    /** @param nanoTime the clock the quotas are enforced on; the real one outside tests */
    public QuotaEnforcingKeySource(SweepScope scope, List<ObservedKey> keys, int pageSize, int listQuota,
                                   int describeQuota, LongSupplier nanoTime) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1: " + pageSize);
        }
        this.scope = scope;
        this.pageSize = pageSize;
        this.lists = new SlidingWindow(listQuota, nanoTime);
        this.describes = new SlidingWindow(describeQuota, nanoTime);
        hold(keys);
    }

    @Override
    public SweepScope scope() {
        return scope;
    }

    @Override
    public KeyListing list(Optional<String> cursor) {
        admit(OperationClass.LIST, lists);
        List<ObservedKey> all = keys;
        int from = cursor.map(Integer::parseInt).orElse(0);
        int to = Math.min(all.size(), from + pageSize);
        return new KeyListing(all.subList(from, to),
                to < all.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    @Override
    public Optional<ObservedKey> describe(KeyRef key) {
        admit(OperationClass.DESCRIBE, describes);
        return Optional.ofNullable(byId.get(key.id()));
    }

    public List<ObservedKey> keys() {
        return keys;
    }

    /** Deletes keys at the provider, behind the inventory's back. */
    public void remove(Collection<String> keyIds) {
        Set<String> gone = new HashSet<>(keyIds);
        hold(keys.stream().filter(k -> !gone.contains(k.ref().id())).toList());
    }

    /** What this scope's provider saw of one operation class since the last call, and a fresh start. */
    public WindowStats drain(OperationClass operation) {
        return window(operation).drain();
    }

    public int quota(OperationClass operation) {
        return window(operation).limit();
    }

    private SlidingWindow window(OperationClass operation) {
        return operation == OperationClass.LIST ? lists : describes;
    }

    private void admit(OperationClass operation, SlidingWindow window) {
        if (!window.admit()) {
            throw new ThrottledException("Rate exceeded: " + operation + " of " + scope.id() + " is limited to "
                    + window.limit() + " requests per second");
        }
    }

    private void hold(List<ObservedKey> current) {
        Map<String, ObservedKey> index = new HashMap<>();
        current.forEach(k -> index.put(k.ref().id(), k));
        this.byId = index;
        this.keys = List.copyOf(current);
    }
}
