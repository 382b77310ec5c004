package io.keyledger.gcp.snapshot;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SweepScope;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The saved keys of one Google project and location, paged like the live list API: 100 keys a page,
 * the cursor being the index of the page's first key.
 */
final class SnapshotKeySource implements KeySource {

    static final int PAGE_SIZE = 100;

    private final SweepScope scope;
    private final List<ObservedKey> keys;
    private final Map<KeyRef, ObservedKey> byRef;

    SnapshotKeySource(SweepScope scope, List<ObservedKey> keys) {
        this.scope = scope;
        this.keys = keys.stream().sorted(Comparator.comparing(k -> k.ref().nativeId())).toList();
        this.byRef = this.keys.stream().collect(Collectors.toUnmodifiableMap(ObservedKey::ref, Function.identity()));
    }

    @Override
    public SweepScope scope() {
        return scope;
    }

    @Override
    public KeyListing list(Optional<String> cursor) {
        int from = cursor.map(this::index).orElse(0);
        int to = Math.min(keys.size(), from + PAGE_SIZE);
        return new KeyListing(keys.subList(from, to), to < keys.size() ? Optional.of(Integer.toString(to))
                : Optional.empty());
    }

    @Override
    public Optional<ObservedKey> describe(KeyRef key) {
        return Optional.ofNullable(byRef.get(key));
    }

    private int index(String cursor) {
        try {
            int i = Integer.parseInt(cursor);
            if (i >= 0 && i <= keys.size()) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a cursor of the listing of " + scope.id() + ": '" + cursor + "'");
    }

    @Override
    public String toString() {
        return "saved gcloud listing of " + scope.id() + " (" + keys.size() + " keys)";
    }
}
