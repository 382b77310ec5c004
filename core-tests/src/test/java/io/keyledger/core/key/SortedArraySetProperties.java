package io.keyledger.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The array-backed sets of a key's usage behave as the sorted tree sets they replace. */
class SortedArraySetProperties {

    @Property
    void holdsTheSmallestValuesOnceAndInOrder(@ForAll @Size(max = 50) List<@StringLength(max = 4) String> values,
                                              @ForAll @IntRange(min = 1, max = 60) int limit) {
        TreeSet<String> expected = smallest(values, limit);

        SortedArraySet<String> set = SortedArraySet.smallest(values, limit);

        assertThat(new ArrayList<>(set)).containsExactlyElementsOf(expected);
        assertThat(set).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(set);
        for (String v : values) {
            assertThat(set.contains(v)).isEqualTo(expected.contains(v));
        }
        if (!expected.isEmpty()) {
            assertThat(set.last()).isEqualTo(expected.last());
        }
    }

    @Property
    void aUnionIsTheSmallestOfBoth(@ForAll @Size(max = 40) List<@IntRange(max = 90) Integer> a,
                                   @ForAll @Size(max = 40) List<@IntRange(max = 90) Integer> b,
                                   @ForAll @IntRange(min = 1, max = 100) int limit) {
        List<Integer> both = new ArrayList<>(a);
        both.addAll(b);

        SortedArraySet<Integer> union = SortedArraySet.union(SortedArraySet.of(a), new TreeSet<>(b), limit);

        assertThat(new ArrayList<>(union)).containsExactlyElementsOf(smallest(both, limit));
    }

    @Test
    void aSetWithinTheLimitIsKeptAsItIs() {
        SortedArraySet<Long> set = SortedArraySet.of(List.of(3L, 1L, 2L));

        assertThat(SortedArraySet.smallest(set, 3)).isSameAs(set);
        assertThat(SortedArraySet.of(set)).isSameAs(set);
        assertThat(SortedArraySet.smallest(set, 2)).containsExactly(1L, 2L);
        assertThat(SortedArraySet.of(Set.<Long>of())).isSameAs(SortedArraySet.empty());
    }

    @Test
    void isUnmodifiableAndHoldsNoNull() {
        SortedArraySet<String> set = SortedArraySet.of(List.of("b", "a"));

        assertThatThrownBy(() -> set.add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SortedArraySet.of(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
        assertThat(set.contains(null)).isFalse();
        assertThat(set).isNotEqualTo(Set.of(1, 2));
        assertThatThrownBy(() -> SortedArraySet.empty().last()).isInstanceOf(java.util.NoSuchElementException.class);
    }

    private static <T extends Comparable<T>> TreeSet<T> smallest(List<T> values, int limit) {
        TreeSet<T> sorted = new TreeSet<>(values);
        while (sorted.size() > limit) {
            sorted.pollLast();
        }
        return sorted;
    }
}
