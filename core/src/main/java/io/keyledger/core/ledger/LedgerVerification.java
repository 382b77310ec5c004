package io.keyledger.core.ledger;

import java.util.Optional;

/**
 * The outcome of verifying one tenant's ledger.
 *
 * @param recordsChecked records read
 * @param purgedRecords  records whose removal a purge attests
 * @param head           the head the store reports
 * @param firstBreak     the first record at fault, if any
 */
public record LedgerVerification(String tenant, long recordsChecked, long purgedRecords, LedgerHead head,
                                 Optional<LedgerBreak> firstBreak) {

    public boolean intact() {
        return firstBreak.isEmpty();
    }
}
