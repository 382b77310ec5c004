package io.keyledger.core.ledger;

/**
 * The first place where a ledger does not verify.
 *
 * @param sequence the sequence number of the record at fault (the one missing, altered or out of place)
 */
public record LedgerBreak(long sequence, Kind kind, String detail) {

    public enum Kind {
        /** The record's content no longer matches its hash. */
        ALTERED,
        /** The record stands at a place in the chain that is not its own. */
        OUT_OF_ORDER,
        /** The record does not chain to the one before it (it, or the one before, was rewritten). */
        BROKEN_LINK,
        /** The record is gone and no purge attests its removal. */
        MISSING
    }

    @Override
    public String toString() {
        return "record " + sequence + ": " + kind + " (" + detail + ")";
    }
}
