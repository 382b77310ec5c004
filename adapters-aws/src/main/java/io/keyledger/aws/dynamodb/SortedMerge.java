package io.keyledger.aws.dynamodb;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;

/** Merges iterators that are each sorted by a text key into one sorted iterator, lazily. */
final class SortedMerge<T> implements Iterator<T> {

    private record Head<T>(T item, String key, Iterator<T> rest) {
    }

    private final Function<T, String> key;
    private final PriorityQueue<Head<T>> heads = new PriorityQueue<>(Comparator.comparing(h -> h.key()));

    SortedMerge(List<Iterator<T>> sources, Function<T, String> key) {
        this.key = key;
        sources.forEach(this::advance);
    }

    private void advance(Iterator<T> source) {
        if (source.hasNext()) {
            T next = source.next();
            heads.add(new Head<>(next, key.apply(next), source));
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public T next() {
        Head<T> head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        advance(head.rest());
        return head.item();
    }
}
