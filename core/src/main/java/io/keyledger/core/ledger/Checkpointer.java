package io.keyledger.core.ledger;

import io.keyledger.core.signing.Signer;
import io.keyledger.core.store.CheckpointStore;
import io.keyledger.core.store.LedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Signs tenants' ledger heads: at the end of each batch that wrote to a ledger, and on demand. It signs
 * only a head that <em>extends</em> its newest checkpoint: the records it signed before are unchanged,
 * and those written since chain to them, match their hashes, were not backdated before that checkpoint
 * (by more than the write window), and include no purge attestation or archived segment it did not sign.
 * So whoever can write the store but not sign can append to the ledger like any writer, but can never
 * have a changed history signed. The checkpoint goes to the store and to the anchor outside it.
 */
public final class Checkpointer {

    private final LedgerStore ledger;
    private final CheckpointStore checkpoints;
    private final Optional<CheckpointAnchor> anchor;
    private final Signer signer;
    private final Clock clock;
    private final Duration writeWindow;
    /**
     * The newest checkpoint per tenant this instance signed or verified: a checkpoint read back equal to it
     * is known to be ours without verifying its signature again (a verification costs about as much as a signing).
     */
    private final ConcurrentHashMap<String, Checkpoint> knownOwn = new ConcurrentHashMap<>();

    /**
     * @param ledger      the ledger as verification reads it (both tiers)
     * @param writeWindow how long a batch takes at most, from its first append to its checkpoint
     */
    public Checkpointer(LedgerStore ledger, CheckpointStore checkpoints, Optional<CheckpointAnchor> anchor,
                        Signer signer, Clock clock, Duration writeWindow) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.anchor = Objects.requireNonNull(anchor, "anchor");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writeWindow = Objects.requireNonNull(writeWindow, "writeWindow");
        AppendedRecords.holdFor(ledger);
    }

    public Signer signer() {
        return signer;
    }

    /**
     * Signs the tenant's head if it moved since the newest checkpoint.
     *
     * @return the newest checkpoint after the call (empty for a tenant without ledger records)
     * @throws CheckpointRefusedException when the ledger does not extend the newest checkpoint
     */
    public Optional<Checkpoint> checkpoint(String tenant) {
        LedgerHead head = ledger.ledgerHead(tenant);
        Optional<Checkpoint> previous = newestOwn(tenant);
        if (head.sequence() == 0) {
            if (previous.isPresent()) {
                throw new CheckpointRefusedException(tenant, "the ledger is empty, but " + previous.get()
                        + " covers records up to " + previous.get().sequence());
            }
            return Optional.empty();
        }
        if (previous.isPresent()) {
            Checkpoint p = previous.get();
            if (p.sequence() > head.sequence()) {
                throw new CheckpointRefusedException(tenant, "the ledger ends at record " + head.sequence() + ", but "
                        + p + " covers records up to " + p.sequence());
            }
            if (p.sequence() == head.sequence()) {
                if (!p.ledgerHash().equals(head.hash())) {
                    throw new CheckpointRefusedException(tenant, "record " + head.sequence()
                            + " no longer has the hash " + p + " signed");
                }
                return previous;
            }
        }
        checkExtension(tenant, previous, head);
        Checkpoint signed = Checkpoint.sign(tenant, head, clock.instant(), signer);
        Checkpoint kept = checkpoints.putCheckpoint(signed) ? signed
                : checkpoints.latestCheckpoint(tenant).filter(c -> c.sequence() == head.sequence()).orElse(signed);
        anchor.ifPresent(a -> a.append(kept));
        knownOwn.put(tenant, signed);
        return Optional.of(kept);
    }

    /** The newest checkpoint this signer's key made, in the store or the anchor. */
    private Optional<Checkpoint> newestOwn(String tenant) {
        TrustedKeys own = TrustedKeys.of(signer.publicKey());
        Checkpoint ours = knownOwn.get(tenant);
        Stream<Checkpoint> stored = checkpoints.latestCheckpoint(tenant).stream();
        Stream<Checkpoint> anchored = anchor.stream().flatMap(a -> a.newest(tenant).stream());
        Optional<Checkpoint> newest = Stream.concat(stored, anchored).filter(c -> c.equals(ours) || own.verify(c))
                .max(Comparator.comparingLong(Checkpoint::sequence));
        if (newest.isEmpty() && checkpoints.latestCheckpoint(tenant).isPresent()) {
            // The latest in the store is not ours (another key, or forged): look further back for ours.
            newest = CheckpointHistory.read(checkpoints, tenant).stream().filter(own::verify)
                    .max(Comparator.comparingLong(Checkpoint::sequence));
        }
        // Verified once is enough: a run whose head does not move (a redelivery) checks no signature per batch.
        newest.ifPresent(c -> knownOwn.merge(tenant, c, (a, b) -> a.sequence() >= b.sequence() ? a : b));
        return newest;
    }

    private void checkExtension(String tenant, Optional<Checkpoint> previous, LedgerHead head) {
        if (previous.isEmpty()) {
            // The first checkpoint under this key: the chain must verify from its start (gaps only where attested).
            LedgerVerification chain = LedgerVerifier.verifyChain(tenant,
                    LedgerReader.from(ledger, tenant, 1, Optional.empty()), head);
            chain.firstBreak().ifPresent(b -> {
                throw new CheckpointRefusedException(tenant, b.toString());
            });
            return;
        }
        Checkpoint p = previous.get();
        Instant earliest = p.signedAt().minus(writeWindow);
        TrustedKeys own = TrustedKeys.of(signer.publicKey());
        long expected = p.sequence() + 1;
        String chainHash = p.ledgerHash();
        for (LedgerRecord r : LedgerReader.from(ledger, tenant, p.sequence(), Optional.empty())) {
            if (r.sequence() > head.sequence()) {
                break;
            }
            if (r.sequence() == p.sequence()) {
                if (!r.hash().equals(p.ledgerHash()) || !r.hashMatchesContent()) {
                    throw new CheckpointRefusedException(tenant, "record " + r.sequence() + " is no longer the one "
                            + p + " signed");
                }
                continue;
            }
            if (r.sequence() != expected) {
                throw new CheckpointRefusedException(tenant, "record " + expected + " is missing");
            }
            if (!AppendedRecords.takeIfUnchanged(ledger, r) && !r.hashMatchesContent()) {
                throw new CheckpointRefusedException(tenant, "record " + r.sequence() + " does not match its hash");
            }
            if (!r.previousHash().equals(chainHash)) {
                throw new CheckpointRefusedException(tenant, "record " + r.sequence() + " does not chain to record "
                        + (r.sequence() - 1));
            }
            if (r.recordedAt().isBefore(earliest)) {
                throw new CheckpointRefusedException(tenant, "record " + r.sequence() + " says it was recorded at "
                        + r.recordedAt() + ", before " + p + " (backdated)");
            }
            SignedPayloads.problem(tenant, r, own).ifPresent(problem -> {
                throw new CheckpointRefusedException(tenant, "record " + r.sequence() + ": " + problem);
            });
            chainHash = r.hash();
            expected = r.sequence() + 1;
        }
        if (expected <= head.sequence()) {
            throw new CheckpointRefusedException(tenant, "record " + expected + " is missing (the head is record "
                    + head.sequence() + ")");
        }
        if (!head.hash().equals(chainHash)) {
            throw new CheckpointRefusedException(tenant, "the ledger head does not match record " + head.sequence());
        }
    }
}
