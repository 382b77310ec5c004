package io.keyledger.aws.snapshot;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SweepScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The keys of one account and region as a saved listing tells them, in pages; the cursor is an index. */
final class SnapshotKeySource implements KeySource {

    static final int PAGE_SIZE = 100;

    private final SweepScope scope;
    private final List<ObservedKey> keys;
    private final Map<String, ObservedKey> byNativeId = new LinkedHashMap<>();

    SnapshotKeySource(SweepScope scope, List<ObservedKey> keys) {
        this.scope = scope;
        this.keys = List.copyOf(keys);
        this.keys.forEach(k -> byNativeId.put(k.ref().nativeId(), k));
    }

    @Override
    public SweepScope scope() {
        return scope;
    }

    @Override
    public KeyListing list(Optional<String> cursor) {
        int from = cursor.map(SnapshotKeySource::index).orElse(0);
        if (from > keys.size()) {
            throw new IllegalArgumentException("cursor " + from + " is past the end of " + scope.id() + "'s listing");
        }
        int to = Math.min(keys.size(), from + PAGE_SIZE);
        Optional<String> next = to < keys.size() ? Optional.of(Integer.toString(to)) : Optional.empty();
        return new KeyListing(keys.subList(from, to), next);
    }

    @Override
    public Optional<ObservedKey> describe(KeyRef key) {
        return Optional.ofNullable(byNativeId.get(key.nativeId())).filter(k -> k.ref().equals(key));
    }

    private static int index(String cursor) {
        try {
            int i = Integer.parseInt(cursor);
            if (i < 0) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of this listing: '" + cursor + "'");
        }
    }
}
