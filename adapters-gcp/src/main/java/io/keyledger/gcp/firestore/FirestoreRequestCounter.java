package io.keyledger.gcp.firestore;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the Firestore requests a store sends, per Firestore method ({@code Commit}, {@code BatchGetDocuments},
 * {@code RunQuery}), the requests that failed (a failed precondition is a failure), and the documents read and
 * written, which are what Firestore bills. Give one to {@link FirestoreInventoryStore.Builder#requestCounter};
 * a counter may be shared by several stores. Thread-safe.
 */
public final class FirestoreRequestCounter {

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder documentReads = new LongAdder();
    private final LongAdder documentWrites = new LongAdder();

    void request(String method) {
        requests.computeIfAbsent(method, k -> new LongAdder()).increment();
    }

    void failure(String method) {
        failures.computeIfAbsent(method, k -> new LongAdder()).increment();
    }

    /** Documents returned (a query that returns none still bills one read). */
    void read(int documents) {
        documentReads.add(documents);
    }

    void written(int documents) {
        documentWrites.add(documents);
    }

    /** The counts so far. */
    public Snapshot snapshot() {
        return new Snapshot(sums(requests), sums(failures), documentReads.sum(), documentWrites.sum());
    }

    public void reset() {
        requests.clear();
        failures.clear();
        documentReads.reset();
        documentWrites.reset();
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Counts at one moment.
     *
     * @param requests       requests sent per Firestore method, failed ones included
     * @param failures       requests that ended in an error, per method (a create of a document that exists,
     *                       a delete of one that does not: the store's conditional writes)
     * @param documentReads  documents read, as Firestore bills them
     * @param documentWrites documents written or deleted, as Firestore bills them (failed commits included)
     */
    public record Snapshot(Map<String, Long> requests, Map<String, Long> failures, long documentReads,
                           long documentWrites) {

        public Snapshot {
            requests = Map.copyOf(requests);
            failures = Map.copyOf(failures);
        }

        public long requests(String method) {
            return requests.getOrDefault(method, 0L);
        }

        /** Commits: every write the store makes is one. */
        public long writeRequests() {
            return requests(FirestoreCalls.COMMIT);
        }

        /** Document reads and queries. */
        public long readRequests() {
            return requests(FirestoreCalls.BATCH_GET) + requests(FirestoreCalls.RUN_QUERY);
        }

        public long totalRequests() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }

        /** What happened between {@code earlier} and this snapshot. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(difference(requests, earlier.requests), difference(failures, earlier.failures),
                    documentReads - earlier.documentReads, documentWrites - earlier.documentWrites);
        }

        private static Map<String, Long> difference(Map<String, Long> now, Map<String, Long> before) {
            Map<String, Long> out = new TreeMap<>();
            now.forEach((k, v) -> {
                long d = v - before.getOrDefault(k, 0L);
                if (d != 0) {
                    out.put(k, d);
                }
            });
            return out;
        }
    }
}
