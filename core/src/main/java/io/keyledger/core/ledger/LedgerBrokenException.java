package io.keyledger.core.ledger;

/**
 * An operation that must trust the ledger (a purge, an archive run) found that it does not verify, and did
 * nothing. The message names the first finding; {@code keyledger verify} lists them all.
 */
public class LedgerBrokenException extends RuntimeException {

    private final LedgerVerification verification;

    public LedgerBrokenException(String operation, LedgerVerification verification) {
        super("refusing to " + operation + " tenant " + verification.tenant() + ": its ledger does not verify: "
                + verification.firstBreak().map(LedgerBreak::toString).orElse("")
                + (verification.breaks().size() > 1 ? " (and " + (verification.breaks().size() - 1) + " more)" : ""));
        this.verification = verification;
    }

    public LedgerVerification verification() {
        return verification;
    }
}
