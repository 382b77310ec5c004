package io.keyledger.core.ledger;

/**
 * One place where a ledger, or what it attests, does not verify.
 *
 * @param sequence the sequence number of the ledger record at fault (the one missing, altered or out of
 *                 place; for a key record or an event, the record that attests it); 0 when no record is
 *                 concerned (the store's retention settings)
 * @param detail   what is wrong, naming the key, event, checkpoint or segment concerned
 */
public record LedgerBreak(long sequence, Kind kind, String detail) {

    public enum Kind {
        /** The record's content no longer matches its hash, or the head does not match the last record. */
        ALTERED,
        /** The record stands at a place in the chain that is not its own. */
        OUT_OF_ORDER,
        /** The record does not chain to the one before it (it, or the one before, was rewritten). */
        BROKEN_LINK,
        /** The record is gone and no signed purge attests its removal. */
        MISSING,
        /** A stored record cannot be read back (a malformed column or attribute). */
        UNREADABLE,
        /** An archived segment is missing, altered, or not the one the ledger and the index describe. */
        SEGMENT,
        /** The ledger ends before the newest checkpoint: records after it, or the head, were removed. */
        TRUNCATED,
        /** The record is not the one a checkpoint signed: the chain was rewritten from there. */
        REWRITTEN,
        /** A checkpoint, purge attestation or archived segment is not signed by a trusted key. */
        UNSIGNED,
        /** Records past the newest checkpoint are older than the write window allows: no checkpoint covers them. */
        UNCHECKPOINTED,
        /** A record past the newest checkpoint says it was recorded before that checkpoint. */
        BACKDATED,
        /** A stored expiry is not one the ledgered retention rules give (a record hidden or kept by hand). */
        EXPIRY,
        /** The store's retention policy or legal holds are not those the ledger says were set. */
        RETENTION_SETTINGS,
        /** A key's record is not the one the ledger attests, is gone while it should be kept, or was never attested. */
        KEY_RECORD,
        /** A stored event is not the one the ledger accepted, is gone while it should be kept, or was never accepted. */
        EVENT,
        /** The checkpoint anchor outside the store cannot be read. */
        ANCHOR
    }

    @Override
    public String toString() {
        return (sequence > 0 ? "record " + sequence + ": " : "") + kind + " (" + detail + ")";
    }
}
