package io.keyledger.core.assembly;

import io.keyledger.core.archive.ArchiveObjects;
import io.keyledger.core.archive.Archiver;
import io.keyledger.core.ledger.CheckpointAnchor;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.ledger.LedgerTrust;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.signing.SigningPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How an entry point signs, anchors, verifies and archives the ledger; part of {@link CoreSettings}.
 * Start from {@link #NONE} (nothing signed: tests, harnesses) and add what the entry point has.
 *
 * @param signer           the key checkpoints, purge attestations and segments are signed with, if this
 *                         entry point may use it (the CLI; in AWS only the signing and maintenance functions)
 * @param verificationKeys the public keys verification trusts, read when first needed; empty: the signer's own,
 *                         if any
 * @param anchors          where checkpoints are appended outside the store (and read back to verify)
 * @param requests         how writers without the key ask for their appends to be signed; empty: the
 *                         signer, if any, signs at the end of each batch in the writer's thread
 * @param writeWindow      how long a writer takes at most from its first append to its checkpoint
 * @param archive          where archived segments go, if the entry point has an archive tier
 * @param segmentRecords   at most this many records per archived segment
 */
public record LedgerSettings(Optional<Signer> signer, Optional<Supplier<List<SigningPublicKey>>> verificationKeys,
                             List<CheckpointAnchor> anchors, Optional<CheckpointRequests> requests, Duration writeWindow,
                             Optional<ArchiveObjects> archive, int segmentRecords) {

    /** Nothing signed, no anchor, no archive: the ledger's hash chain and what the store holds are checked. */
    public static final LedgerSettings NONE = new LedgerSettings(Optional.empty(), Optional.empty(), List.of(),
            Optional.empty(), LedgerTrust.DEFAULT_WRITE_WINDOW, Optional.empty(), Archiver.DEFAULT_SEGMENT_RECORDS);

    public LedgerSettings {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(verificationKeys, "verificationKeys");
        anchors = List.copyOf(anchors);
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(writeWindow, "writeWindow");
        Objects.requireNonNull(archive, "archive");
        if (segmentRecords < 1) {
            throw new IllegalArgumentException("segmentRecords must be positive, was " + segmentRecords);
        }
    }

    public LedgerSettings signedBy(Signer key) {
        return new LedgerSettings(Optional.of(key), verificationKeys, anchors, requests, writeWindow, archive,
                segmentRecords);
    }

    /** Verification trusts these keys (and not the signer's unless it is among them). */
    public LedgerSettings trusting(List<SigningPublicKey> keys) {
        List<SigningPublicKey> copy = List.copyOf(keys);
        return trusting(() -> copy);
    }

    /** Verification trusts the keys {@code keys} gives when verification first needs them. */
    public LedgerSettings trusting(Supplier<List<SigningPublicKey>> keys) {
        return new LedgerSettings(signer, Optional.of(keys), anchors, requests, writeWindow, archive, segmentRecords);
    }

    public LedgerSettings anchoredIn(CheckpointAnchor anchor) {
        List<CheckpointAnchor> all = new ArrayList<>(anchors);
        all.add(anchor);
        return new LedgerSettings(signer, verificationKeys, all, requests, writeWindow, archive, segmentRecords);
    }

    public LedgerSettings withRequests(CheckpointRequests sink) {
        return new LedgerSettings(signer, verificationKeys, anchors, Optional.of(sink), writeWindow, archive,
                segmentRecords);
    }

    public LedgerSettings withWriteWindow(Duration window) {
        return new LedgerSettings(signer, verificationKeys, anchors, requests, window, archive, segmentRecords);
    }

    public LedgerSettings archivedIn(ArchiveObjects objects) {
        return new LedgerSettings(signer, verificationKeys, anchors, requests, writeWindow, Optional.of(objects),
                segmentRecords);
    }

    public LedgerSettings withSegmentRecords(int records) {
        return new LedgerSettings(signer, verificationKeys, anchors, requests, writeWindow, archive, records);
    }
}
