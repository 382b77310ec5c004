package io.keyledger.core.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What verification trusts beyond the store: the public keys signatures must verify with, the anchors
 * outside the store that hold checkpoints, and the write window (how long a writer takes at most from its
 * first append to its checkpoint, beyond which records no checkpoint covers are a finding).
 */
public record LedgerTrust(TrustedKeys keys, List<CheckpointAnchor> anchors, Duration writeWindow) {

    /** Fifteen minutes: the longest a Lambda invocation runs, and far more than a local batch takes. */
    public static final Duration DEFAULT_WRITE_WINDOW = Duration.ofMinutes(15);

    /** No key, no anchor: the hash chain and what the store holds are checked, no signature. */
    public static final LedgerTrust NONE = new LedgerTrust(TrustedKeys.NONE, List.of(), DEFAULT_WRITE_WINDOW);

    public LedgerTrust {
        Objects.requireNonNull(keys, "keys");
        anchors = List.copyOf(anchors);
        Objects.requireNonNull(writeWindow, "writeWindow");
        if (writeWindow.isNegative() || writeWindow.isZero()) {
            throw new IllegalArgumentException("the write window must be positive, was " + writeWindow);
        }
    }
}
