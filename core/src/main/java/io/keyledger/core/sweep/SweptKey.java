package io.keyledger.core.sweep;

import java.util.List;

/**
 * One key's outcome in a sweep.
 *
 * @param reasons what differed, or why the key was classed so ("state ACTIVE -> SUSPENDED", "DescribeKey denied")
 */
public record SweptKey(String keyId, KeyClass keyClass, boolean partiallyObserved, List<String> reasons) {

    public SweptKey {
        reasons = List.copyOf(reasons);
    }
}
