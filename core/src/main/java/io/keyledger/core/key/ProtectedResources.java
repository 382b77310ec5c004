package io.keyledger.core.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The resources a key protects (a bucket, a volume, a database, a vault secret), as named in the
 * encryption context or audit entries of its uses: a bounded rollup. It names the first {@value #NAMED}
 * resources in name order and counts them all: exactly up to {@value #COUNTED_EXACTLY}, beyond that by
 * estimate from the smallest hashes kept (a bottom-k sketch). Merging is a union truncated the same way,
 * so it is commutative, associative and idempotent, like the rest of the usage rollup. A provider that
 * counts a key's protected resources itself (Google's protected-resources summary) gives {@link #reported}:
 * the count is then the larger of the two.
 *
 * @param names    up to {@value #NAMED} resource names, the smallest in name order
 * @param hashes   up to {@value #COUNTED_EXACTLY} 63-bit hashes of every resource seen, the smallest
 * @param reported the most resources a provider ever reported the key protecting; 0 when none did
 */
public record ProtectedResources(Set<String> names, Set<Long> hashes, long reported) {

    public static final int NAMED = 20;
    public static final int COUNTED_EXACTLY = 64;
    public static final ProtectedResources NONE = new ProtectedResources(Set.of(), Set.of(), 0);

    public ProtectedResources {
        if (reported < 0) {
            throw new IllegalArgumentException("a reported count of protected resources is not negative: " + reported);
        }
        names = SortedArraySet.smallest(names == null ? Set.of() : names, NAMED);
        hashes = SortedArraySet.smallest(hashes == null ? Set.of() : hashes, COUNTED_EXACTLY);
        for (long h : hashes) {
            if (h < 0) {
                throw new IllegalArgumentException("resource hashes are not negative: " + h);
            }
        }
    }

    public ProtectedResources(Set<String> names, Set<Long> hashes) {
        this(names, hashes, 0);
    }

    /** The count a provider reported, with no resource named. */
    public static ProtectedResources reported(long count) {
        return new ProtectedResources(Set.of(), Set.of(), count);
    }

    public static ProtectedResources of(Collection<String> resources) {
        List<String> names = new ArrayList<>();
        List<Long> hashes = new ArrayList<>();
        for (String r : resources) {
            String name = r.trim();
            if (!name.isEmpty()) {
                names.add(name);
                hashes.add(hash(name));
            }
        }
        return new ProtectedResources(SortedArraySet.of(names), SortedArraySet.of(hashes));
    }

    /** Derived, so not written: a stored record's text says nothing that reading it back would not. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return hashes.isEmpty() && reported == 0;
    }

    public ProtectedResources merge(ProtectedResources other) {
        // Most merges add nothing (a key's uses name the resources it was seen protecting): no copies then.
        if (covers(other)) {
            return this;
        }
        if (other.covers(this)) {
            return other;
        }
        return new ProtectedResources(SortedArraySet.union(names, other.names, NAMED),
                SortedArraySet.union(hashes, other.hashes, COUNTED_EXACTLY), Math.max(reported, other.reported));
    }

    /** Whether merging {@code other} in gives these resources again: what {@link #merge} would keep of it is here. */
    public boolean covers(ProtectedResources other) {
        return reported >= other.reported && keeps(names, other.names, NAMED) && keeps(hashes, other.hashes, COUNTED_EXACTLY);
    }

    /** Whether the smallest {@code limit} of the union of {@code mine} (a full set, sorted) and {@code theirs} are mine. */
    private static <T extends Comparable<T>> boolean keeps(Set<T> mine, Set<T> theirs, int limit) {
        for (T t : theirs) {
            if (!mine.contains(t) && (mine.size() < limit || t.compareTo(((SortedArraySet<T>) mine).last()) < 0)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@link #count()} is exact: a provider's count, or fewer resources seen than the sketch keeps. */
    public boolean exact() {
        return hashes.size() < COUNTED_EXACTLY || reported >= seen();
    }

    /** How many distinct resources the key protects: the larger of those seen and a provider's count. */
    public long count() {
        return Math.max(seen(), reported);
    }

    /** How many distinct resources were seen: exact below {@value #COUNTED_EXACTLY}, else an estimate. */
    private long seen() {
        if (hashes.size() < COUNTED_EXACTLY) {
            return hashes.size();
        }
        long largest = ((SortedArraySet<Long>) hashes).last();
        // k-1 over the k-th smallest hash as a fraction of the hash range: the bottom-k estimator.
        double fraction = (largest + 1.0) / Math.pow(2, 63);
        return Math.max(hashes.size(), Math.round((COUNTED_EXACTLY - 1) / fraction));
    }

    /** Resources seen but not named: counted beyond the cap of names. */
    public long unnamed() {
        return Math.max(0, count() - names.size());
    }

    /** Whether one more use naming {@code resource} would leave these resources as they are. */
    public boolean covers(String resource) {
        String name = resource.trim();
        if (name.isEmpty()) {
            return true;
        }
        return keeps(names, Set.of(name), NAMED) && keeps(hashes, Set.of(hash(name)), COUNTED_EXACTLY);
    }

    /**
     * Resources added one name at a time, in place: what merging {@link #of} each name in turn gives, without a
     * copy per name, in sorted arrays (a run holds one per key in use). One thread at a time.
     */
    public static final class Sketch {
        private final String[] names = new String[NAMED];
        private final long[] hashes = new long[COUNTED_EXACTLY];
        private int named;
        private int hashed;

        /** Adds a resource name (trimmed; a blank one is no resource). */
        public void add(String resource) {
            String name = resource.trim();
            if (name.isEmpty()) {
                return;
            }
            // Once the names are full, most new names sort after the last one kept: one comparison tells.
            if (named < NAMED || name.compareTo(names[NAMED - 1]) <= 0) {
                int at = search(names, named, name);
                if (at >= 0) {
                    return; // named, so added before: its hash is kept or was already beyond the smallest kept
                }
                at = -at - 1;
                int moved = Math.min(named, NAMED - 1) - at;
                System.arraycopy(names, at, names, at + 1, moved);
                names[at] = name;
                named = Math.min(named + 1, NAMED);
            }
            long h = hash(name);
            int hat = java.util.Arrays.binarySearch(hashes, 0, hashed, h);
            if (hat < 0 && -hat - 1 < COUNTED_EXACTLY) {
                hat = -hat - 1;
                int moved = Math.min(hashed, COUNTED_EXACTLY - 1) - hat;
                System.arraycopy(hashes, hat, hashes, hat + 1, moved);
                hashes[hat] = h;
                hashed = Math.min(hashed + 1, COUNTED_EXACTLY);
            }
        }

        public boolean isEmpty() {
            return hashed == 0;
        }

        /** {@code Arrays.binarySearch} for strings: the generic one calls {@code compareTo} through the interface. */
        private static int search(String[] sorted, int size, String name) {
            int low = 0;
            int high = size - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = sorted[mid].compareTo(name);
                if (c < 0) {
                    low = mid + 1;
                } else if (c > 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(low + 1);
        }

        public ProtectedResources build() {
            List<Long> h = new ArrayList<>(hashed);
            for (int k = 0; k < hashed; k++) {
                h.add(hashes[k]);
            }
            return new ProtectedResources(SortedArraySet.of(java.util.Arrays.asList(names).subList(0, named)),
                    SortedArraySet.of(h));
        }
    }

    /** One digest per thread: getting one from the providers costs more than the digest of a short name. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    });

    static long hash(String name) {
        byte[] d = SHA_256.get().digest(name.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h >>> 1;
    }
}
