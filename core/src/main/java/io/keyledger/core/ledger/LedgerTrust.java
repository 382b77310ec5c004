package io.keyledger.core.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What verification trusts beyond the store: the public keys signatures must verify with, the anchors
 * outside the store that hold checkpoints, and the write window (how long a writer takes at most from its
 * first append to its checkpoint, beyond which records no checkpoint covers are a finding). The keys are
 * read when first needed (a cloud KMS key's public key is fetched then, never while an entry point starts),
 * and then kept.
 */
public final class LedgerTrust {

    /** Fifteen minutes: the longest a Lambda invocation runs, and far more than a local batch takes. */
    public static final Duration DEFAULT_WRITE_WINDOW = Duration.ofMinutes(15);

    /** No key, no anchor: the hash chain and what the store holds are checked, no signature. */
    public static final LedgerTrust NONE = new LedgerTrust(TrustedKeys.NONE, List.of(), DEFAULT_WRITE_WINDOW);

    private final Supplier<TrustedKeys> keySource;
    private final List<CheckpointAnchor> anchors;
    private final Duration writeWindow;
    private TrustedKeys keys;

    public LedgerTrust(TrustedKeys keys, List<CheckpointAnchor> anchors, Duration writeWindow) {
        this(() -> keys, anchors, writeWindow);
    }

    /** @param keys read on first use */
    public LedgerTrust(Supplier<TrustedKeys> keys, List<CheckpointAnchor> anchors, Duration writeWindow) {
        this.keySource = Objects.requireNonNull(keys, "keys");
        this.anchors = List.copyOf(anchors);
        this.writeWindow = Objects.requireNonNull(writeWindow, "writeWindow");
        if (writeWindow.isNegative() || writeWindow.isZero()) {
            throw new IllegalArgumentException("the write window must be positive, was " + writeWindow);
        }
    }

    public synchronized TrustedKeys keys() {
        if (keys == null) {
            keys = Objects.requireNonNull(keySource.get(), "keys");
        }
        return keys;
    }

    public List<CheckpointAnchor> anchors() {
        return anchors;
    }

    public Duration writeWindow() {
        return writeWindow;
    }
}
