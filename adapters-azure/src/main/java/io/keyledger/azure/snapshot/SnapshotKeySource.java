package io.keyledger.azure.snapshot;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SweepScope;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The keys of one vault as a saved listing holds them, in pages of {@value #PAGE_SIZE}; the cursor is
 * the index of the page's first key.
 */
public final class SnapshotKeySource implements KeySource {

    public static final int PAGE_SIZE = 100;

    private final SweepScope scope;
    private final List<ObservedKey> keys;

    SnapshotKeySource(SweepScope scope, List<ObservedKey> keys) {
        this.scope = scope;
        this.keys = List.copyOf(keys);
    }

    @Override
    public SweepScope scope() {
        return scope;
    }

    @Override
    public KeyListing list(Optional<String> cursor) {
        int from = cursor.map(SnapshotKeySource::index).orElse(0);
        int to = Math.min(from + PAGE_SIZE, keys.size());
        Optional<String> next = to < keys.size() ? Optional.of(Integer.toString(to)) : Optional.empty();
        return new KeyListing(keys.subList(Math.min(from, to), to), next);
    }

    @Override
    public Optional<ObservedKey> describe(KeyRef key) {
        String wanted = key.nativeId().toLowerCase(Locale.ROOT);
        return keys.stream().filter(k -> k.ref().nativeId().equals(wanted)).findFirst();
    }

    private static int index(String cursor) {
        try {
            int i = Integer.parseInt(cursor.trim());
            if (i < 0) {
                throw new IllegalArgumentException("cursor must not be negative: '" + cursor + "'");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of this listing: '" + cursor + "'", e);
        }
    }
}
