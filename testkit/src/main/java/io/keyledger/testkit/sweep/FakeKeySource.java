package io.keyledger.testkit.sweep;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SweepScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A key source over a list held in memory: pages of a fixed size, an optional failure after some
 * pages (an outage, throttling past the budget), keys that the listing omits but a direct read finds
 * (eventual consistency), and a count of calls.
 */
public final class FakeKeySource implements KeySource {

    private final SweepScope scope;
    private final List<ObservedKey> keys = new ArrayList<>();
    private final List<ObservedKey> unlisted = new ArrayList<>();
    private final int pageSize;
    private int failAfterPages = -1;
    private final AtomicInteger calls = new AtomicInteger();

    public FakeKeySource(SweepScope scope, int pageSize) {
        this.scope = scope;
        this.pageSize = pageSize;
    }

    public FakeKeySource add(ObservedKey key) {
        keys.add(key);
        return this;
    }

    /** A key a direct read finds but the listing does not show. */
    public FakeKeySource addUnlisted(ObservedKey key) {
        unlisted.add(key);
        return this;
    }

    /** Listing fails when asked for page {@code pages + 1}. */
    public FakeKeySource failAfterPages(int pages) {
        failAfterPages = pages;
        return this;
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public SweepScope scope() {
        return scope;
    }

    @Override
    public KeyListing list(Optional<String> cursor) {
        calls.incrementAndGet();
        int from = cursor.map(Integer::parseInt).orElse(0);
        if (failAfterPages >= 0 && from / pageSize >= failAfterPages) {
            throw new IllegalStateException("ThrottlingException: rate exceeded, retry budget spent");
        }
        int to = Math.min(keys.size(), from + pageSize);
        return new KeyListing(keys.subList(from, to), to < keys.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    @Override
    public Optional<ObservedKey> describe(KeyRef key) {
        calls.incrementAndGet();
        return java.util.stream.Stream.concat(keys.stream(), unlisted.stream())
                .filter(k -> k.ref().equals(key)).findFirst();
    }
}
