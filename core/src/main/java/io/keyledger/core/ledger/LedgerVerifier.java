package io.keyledger.core.ledger;

import io.keyledger.core.retention.PurgedRun;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Walks a tenant's ledger and names the first record that was altered, removed or put out of place.
 * A gap in the sequence is legitimate only where a later purge record attests that run, with the
 * hashes that bridge it; the store's head catches the removal of the last records.
 */
public final class LedgerVerifier {

    private static final Comparator<LedgerBreak> FIRST = Comparator.comparingLong(LedgerBreak::sequence)
            .thenComparing(LedgerBreak::kind);

    private final LedgerStore store;

    /** A verifier of the ledgers {@code store} holds; built once per entry point by {@code CoreServices}. */
    public LedgerVerifier(LedgerStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Verifies the tenant's ledger as the store holds it, expired records included. */
    public LedgerVerification verify(String tenant) {
        return verify(tenant, () -> new StoreLedgerIterator(store, tenant), store.ledgerHead(tenant));
    }

    /** Verifies records in the order given, against the head the store reports. */
    public static LedgerVerification verify(String tenant, Iterable<LedgerRecord> records, LedgerHead head) {
        List<LedgerBreak> breaks = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        Map<Long, PurgedRun> attestedRuns = new HashMap<>();
        long checked = 0;
        long previousSequence = 0;
        String previousHash = LedgerHash.GENESIS;
        for (LedgerRecord r : records) {
            checked++;
            boolean intact = r.hashMatchesContent();
            if (!intact) {
                breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.ALTERED, "content does not match its hash"));
            } else if (r.type() == LedgerEntryType.RETENTION_PURGED) {
                collectRuns(r, attestedRuns, breaks);
            }
            if (r.sequence() <= previousSequence) {
                breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.OUT_OF_ORDER,
                        "found after record " + previousSequence));
                continue;
            }
            if (r.sequence() == previousSequence + 1) {
                if (intact && !r.previousHash().equals(previousHash)) {
                    breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.BROKEN_LINK,
                            "does not chain to record " + previousSequence));
                }
            } else {
                gaps.add(new Gap(previousSequence + 1, r.sequence() - 1, previousHash, r.previousHash()));
            }
            previousSequence = r.sequence();
            previousHash = r.hash();
        }
        if (head.sequence() > previousSequence) {
            gaps.add(new Gap(previousSequence + 1, head.sequence(), previousHash, head.hash()));
        } else if (head.sequence() == previousSequence && !head.hash().equals(previousHash)) {
            breaks.add(new LedgerBreak(previousSequence, LedgerBreak.Kind.ALTERED, "does not match the ledger head"));
        }
        long purged = 0;
        for (Gap gap : gaps) {
            Optional<Long> unattested = gap.firstUnattested(attestedRuns);
            if (unattested.isPresent()) {
                breaks.add(new LedgerBreak(unattested.get(), LedgerBreak.Kind.MISSING,
                        "removed without a purge attesting it"));
            } else {
                purged += gap.to - gap.from + 1;
            }
        }
        return new LedgerVerification(tenant, checked, purged, head, breaks.stream().min(FIRST));
    }

    private static void collectRuns(LedgerRecord r, Map<Long, PurgedRun> runs, List<LedgerBreak> breaks) {
        try {
            PurgeAttestation.fromJson(r.payload()).runs().forEach(run -> runs.put(run.from(), run));
        } catch (IllegalArgumentException e) {
            breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.ALTERED, "unreadable purge attestation"));
        }
    }

    /** Sequences {@code from..to} absent between a record with hash {@code before} and one chaining to {@code after}. */
    private record Gap(long from, long to, String before, String after) {

        Optional<Long> firstUnattested(Map<Long, PurgedRun> runs) {
            long next = from;
            String hash = before;
            while (next <= to) {
                PurgedRun run = runs.get(next);
                if (run == null || !run.previousHash().equals(hash) || run.to() > to) {
                    return Optional.of(next);
                }
                hash = run.lastHash();
                next = run.to() + 1;
            }
            return hash.equals(after) ? Optional.empty() : Optional.of(from);
        }
    }

    /** Reads the ledger page by page so that a large ledger is never held in memory. */
    private static final class StoreLedgerIterator implements Iterator<LedgerRecord> {
        private final LedgerStore store;
        private final String tenant;
        private Iterator<LedgerRecord> current;
        private Optional<String> cursor = Optional.empty();
        private boolean lastPage;

        StoreLedgerIterator(LedgerStore store, String tenant) {
            this.store = store;
            this.tenant = tenant;
            fetch();
        }

        private void fetch() {
            Page<LedgerRecord> page = store.ledger(tenant, 1, Optional.empty(), true,
                    new PageRequest(cursor, PageRequest.MAX_LIMIT));
            current = page.items().iterator();
            cursor = page.nextCursor();
            lastPage = cursor.isEmpty();
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !lastPage) {
                fetch();
            }
            return current.hasNext();
        }

        @Override
        public LedgerRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
