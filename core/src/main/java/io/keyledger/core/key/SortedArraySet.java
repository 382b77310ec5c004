package io.keyledger.core.key;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An unmodifiable set in natural order, held in one array: what a key's usage keeps (its services, its
 * protected resources and their hashes). An ingest holds thousands of these and replaces them often; a tree
 * node per element, and a copy of the tree whenever a usage is rebuilt around an unchanged set, cost more than
 * the sets themselves. Equal to any set with the same elements, and iterates in ascending order, as the sorted
 * sets it replaces did.
 */
final class SortedArraySet<T extends Comparable<? super T>> extends AbstractSet<T> {

    private static final SortedArraySet<?> EMPTY = new SortedArraySet<>(new Object[0]);

    /** Distinct, ascending. */
    private final Object[] elements;

    private SortedArraySet(Object[] elements) {
        this.elements = elements;
    }

    @SuppressWarnings("unchecked")
    static <T extends Comparable<? super T>> SortedArraySet<T> empty() {
        return (SortedArraySet<T>) EMPTY;
    }

    /** The values as such a set: the set itself when it is one already. */
    static <T extends Comparable<? super T>> SortedArraySet<T> of(Collection<? extends T> values) {
        return smallest(values, Integer.MAX_VALUE);
    }

    /** The smallest {@code limit} of the values: the set itself when it is such a set within the limit. */
    @SuppressWarnings("unchecked")
    static <T extends Comparable<? super T>> SortedArraySet<T> smallest(Collection<? extends T> values, int limit) {
        if (values instanceof SortedArraySet<?> s && s.size() <= limit) {
            return (SortedArraySet<T>) s;
        }
        Object[] a = values.toArray();
        for (Object o : a) {
            Objects.requireNonNull(o, "a sorted set holds no null");
        }
        Arrays.sort(a);
        int n = 0;
        for (int i = 0; i < a.length && n < limit; i++) {
            if (n == 0 || ((T) a[n - 1]).compareTo((T) a[i]) != 0) {
                a[n++] = a[i];
            }
        }
        return n == 0 ? empty() : new SortedArraySet<>(n == a.length ? a : Arrays.copyOf(a, n));
    }

    /** The smallest {@code limit} of the union of two such sets, merged in one pass. */
    @SuppressWarnings("unchecked")
    static <T extends Comparable<? super T>> SortedArraySet<T> union(Set<T> first, Set<T> second, int limit) {
        Object[] a = of(first).elements;
        Object[] b = of(second).elements;
        Object[] out = new Object[Math.min(limit, a.length + b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (n < out.length && (i < a.length || j < b.length)) {
            int c = i == a.length ? 1 : j == b.length ? -1 : ((T) a[i]).compareTo((T) b[j]);
            out[n++] = c <= 0 ? a[i] : b[j];
            i += c <= 0 ? 1 : 0;
            j += c >= 0 ? 1 : 0;
        }
        return n == 0 ? empty() : new SortedArraySet<>(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /** The largest element. */
    @SuppressWarnings("unchecked")
    T last() {
        if (elements.length == 0) {
            throw new NoSuchElementException();
        }
        return (T) elements[elements.length - 1];
    }

    @Override
    public boolean contains(Object o) {
        // A foreign type fails to compare, as in a sorted set: equals() takes that as "not equal".
        return o != null && Arrays.binarySearch(elements, o) >= 0;
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < elements.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (next == elements.length) {
                    throw new NoSuchElementException();
                }
                return (T) elements[next++];
            }
        };
    }
}
