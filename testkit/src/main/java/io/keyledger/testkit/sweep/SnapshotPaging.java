package io.keyledger.testkit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import java.util.List;
import java.util.Optional;

/** How every snapshot reader pages a listing of 250 keys: by a hundred, the cursor being the next key's index. */
public final class SnapshotPaging {

    private SnapshotPaging() {
    }

    /**
     * Lists the source page after page, checks the pages hold 100, 100 and 50 keys, the first cursor is "100"
     * and a cursor the reader never gave is refused; answers the three pages.
     */
    public static List<KeyListing> pagesOf250(KeySource source, String strangeCursor) {
        KeyListing first = source.list(Optional.empty());
        KeyListing second = source.list(first.nextCursor());
        KeyListing third = source.list(second.nextCursor());
        List<KeyListing> pages = List.of(first, second, third);
        assertThat(pages).extracting(page -> page.keys().size()).containsExactly(100, 100, 50);
        assertThat(first.nextCursor()).contains("100");
        assertThat(third.nextCursor()).isEmpty();
        assertThatThrownBy(() -> source.list(Optional.of(strangeCursor))).isInstanceOf(IllegalArgumentException.class);
        return pages;
    }
}
