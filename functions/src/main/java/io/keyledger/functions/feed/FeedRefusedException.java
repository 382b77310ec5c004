package io.keyledger.functions.feed;

import java.util.Objects;

/** A feed that is not imported, and why; nothing of it was stored. The message says what to do. */
public final class FeedRefusedException extends RuntimeException {

    /** Why a feed is refused. */
    public enum Reason {
        /** It does not verify with the public key of the partner it claims to come from. */
        BAD_SIGNATURE,
        /** It is signed by a key no partner of the tenant has. */
        UNKNOWN_SIGNER,
        /** It is not a KeyLedger feed, or its CBOM is not CycloneDX 1.6. */
        NOT_A_FEED,
        /** It is older than a feed of the same partner already imported (a replay, or out of order). */
        STALE,
        /** It is larger than a feed may be. */
        TOO_LARGE
    }

    private final Reason reason;

    public FeedRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
