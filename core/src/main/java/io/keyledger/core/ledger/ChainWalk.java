package io.keyledger.core.ledger;

import io.keyledger.core.retention.PurgedRun;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hash chain check of one pass over a tenant's ledger, in sequence order: each record matches its hash,
 * chains to the one before, stands in its place; a gap is legitimate only where a purge attestation (signed
 * by a trusted key, when there are any) bridges it hash to hash; each checkpoint's hash is the hash of the
 * record it names; the head matches the last record.
 */
final class ChainWalk {

    private final String tenant;
    private final TrustedKeys trusted;
    /** The checkpoints to hold against the chain, in sequence order, read as the records are. */
    private final java.util.Iterator<Checkpoint> checkpoints;
    private Checkpoint nextCheckpoint;
    /** Checkpoints of sequences the chain does not hold (purged): held against the purges' runs. */
    private final Map<Long, List<Checkpoint>> inGaps = new HashMap<>();
    private final List<LedgerBreak> breaks = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();
    private final Map<Long, PurgedRun> attestedRuns = new HashMap<>();
    private long checked;
    private long previousSequence;
    /** Hash of the record at previousSequence; null after a range that could not be read. */
    private String previousHash = LedgerHash.GENESIS;
    private long purged;

    ChainWalk(String tenant, TrustedKeys trusted, Collection<Checkpoint> signed) {
        this(tenant, trusted, signed.stream().sorted(java.util.Comparator.comparingLong(Checkpoint::sequence)).iterator());
    }

    /** @param signed checkpoints signed by a trusted key, in sequence order */
    ChainWalk(String tenant, TrustedKeys trusted, java.util.Iterator<Checkpoint> signed) {
        this.tenant = tenant;
        this.trusted = trusted;
        this.checkpoints = signed;
        this.nextCheckpoint = signed.hasNext() ? signed.next() : null;
    }

    /** Takes the next record; returns whether its content matches its hash (else nothing in it is to be trusted). */
    boolean accept(LedgerRecord r) {
        checked++;
        boolean intact = r.hashMatchesContent();
        if (!intact) {
            breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.ALTERED, "content does not match its hash"));
        } else {
            Optional<String> problem = SignedPayloads.problem(tenant, r, trusted);
            if (problem.isPresent()) {
                breaks.add(new LedgerBreak(r.sequence(), problem.get().startsWith("unreadable")
                        ? LedgerBreak.Kind.ALTERED : LedgerBreak.Kind.UNSIGNED, problem.get()));
            } else if (r.type() == LedgerEntryType.RETENTION_PURGED) {
                PurgeAttestation.fromJson(r.payload()).runs().forEach(run -> attestedRuns.put(run.from(), run));
            }
        }
        if (r.sequence() <= previousSequence) {
            breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.OUT_OF_ORDER, "found after record " + previousSequence));
            return false;
        }
        if (r.sequence() == previousSequence + 1) {
            if (intact && previousHash != null && !r.previousHash().equals(previousHash)) {
                breaks.add(new LedgerBreak(r.sequence(), LedgerBreak.Kind.BROKEN_LINK,
                        "does not chain to record " + previousSequence));
            }
        } else {
            gaps.add(new Gap(previousSequence + 1, r.sequence() - 1, previousHash, r.previousHash()));
        }
        check(checkpointsUpTo(r.sequence()), r.sequence(), r.hash());
        previousSequence = r.sequence();
        previousHash = r.hash();
        return intact;
    }

    /** Records {@code from..to} could not be read (already reported): no gap is reported for them. */
    void skipped(long from, long to) {
        if (from > previousSequence + 1) {
            gaps.add(new Gap(previousSequence + 1, from - 1, previousHash, null));
        }
        previousSequence = Math.max(previousSequence, to);
        previousHash = null;
    }

    void finish(LedgerHead head) {
        checkpointsUpTo(Long.MAX_VALUE).forEach(c -> inGaps.computeIfAbsent(c.sequence(), s -> new ArrayList<>()).add(c));
        if (head.sequence() > previousSequence) {
            gaps.add(new Gap(previousSequence + 1, head.sequence(), previousHash, head.hash()));
        } else if (head.sequence() < previousSequence) {
            breaks.add(new LedgerBreak(previousSequence, LedgerBreak.Kind.ALTERED, head.sequence() == 0
                    ? "the ledger head is missing" : "the ledger head says record " + head.sequence() + " is the last"));
        } else if (previousHash != null && !head.hash().equals(previousHash)) {
            breaks.add(new LedgerBreak(previousSequence, LedgerBreak.Kind.ALTERED, "does not match the ledger head"));
        }
        for (Gap gap : gaps) {
            Optional<Long> unattested = gap.firstUnattested();
            if (unattested.isPresent()) {
                breaks.add(new LedgerBreak(unattested.get(), LedgerBreak.Kind.MISSING,
                        trusted.isEmpty() ? "removed without a purge attesting it"
                                : "removed without a signed purge attesting it"));
            } else {
                purged += gap.to - gap.from + 1;
            }
        }
    }

    /** Takes the checkpoints up to {@code sequence}: those before it are of sequences the chain does not hold. */
    private List<Checkpoint> checkpointsUpTo(long sequence) {
        List<Checkpoint> at = new ArrayList<>();
        while (nextCheckpoint != null && nextCheckpoint.sequence() <= sequence) {
            if (nextCheckpoint.sequence() < sequence) {
                inGaps.computeIfAbsent(nextCheckpoint.sequence(), s -> new ArrayList<>()).add(nextCheckpoint);
            } else {
                at.add(nextCheckpoint);
            }
            nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
        }
        return at;
    }

    private void checkCheckpoints(long sequence, String hash) {
        check(inGaps.getOrDefault(sequence, List.of()), sequence, hash);
    }

    private void check(List<Checkpoint> signed, long sequence, String hash) {
        for (Checkpoint c : signed) {
            if (!c.ledgerHash().equals(hash)) {
                breaks.add(new LedgerBreak(sequence, LedgerBreak.Kind.REWRITTEN, "not the record " + c
                        + " signed: the ledger was rewritten from here on"));
            }
        }
    }

    List<LedgerBreak> breaks() {
        return breaks;
    }

    long checked() {
        return checked;
    }

    long purged() {
        return purged;
    }

    /** The highest sequence read (or skipped). */
    long lastSequence() {
        return previousSequence;
    }

    /** Sequences {@code from..to} absent between a record with hash {@code before} and one chaining to {@code after}. */
    private final class Gap {
        final long from;
        final long to;
        final String before;
        final String after;

        Gap(long from, long to, String before, String after) {
            this.from = from;
            this.to = to;
            this.before = before;
            this.after = after;
        }

        Optional<Long> firstUnattested() {
            long next = from;
            String hash = before;
            while (next <= to) {
                PurgedRun run = attestedRuns.get(next);
                if (run == null || (hash != null && !run.previousHash().equals(hash)) || run.to() > to) {
                    return Optional.of(next);
                }
                checkCheckpoints(run.to(), run.lastHash());
                hash = run.lastHash();
                next = run.to() + 1;
            }
            return after == null || hash == null || hash.equals(after) ? Optional.empty() : Optional.of(from);
        }
    }
}
