package io.keyledger.core.ledger;

/** Another writer appended the same sequence number first: re-read the head and try again. */
public class LedgerConflictException extends RuntimeException {

    public LedgerConflictException(String tenant, long sequence) {
        super("ledger sequence " + sequence + " of tenant '" + tenant + "' is already taken");
    }
}
