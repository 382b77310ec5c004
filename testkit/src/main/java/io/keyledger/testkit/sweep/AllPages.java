package io.keyledger.testkit.sweep;

import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A key source listed to its end, page after page, as a sweep lists it. */
public final class AllPages {

    private AllPages() {
    }

    public static List<ObservedKey> of(KeySource source) {
        List<ObservedKey> out = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            KeyListing page = source.list(cursor);
            out.addAll(page.keys());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return out;
    }
}
