package io.keyledger.testkit.store;

import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A store's ledger port that shows each record to a test before appending it: to note it, or to fail the
 * append by throwing, as a ledger that times out does. Reads pass through. Put in place with
 * {@code StoreParts.of(store).withLedger(...)}.
 */
public record WatchedLedger(LedgerStore ledger, Consumer<LedgerRecord> beforeAppend) implements LedgerStore {

    @Override
    public void appendLedger(LedgerRecord record) {
        beforeAppend.accept(record);
        ledger.appendLedger(record);
    }

    @Override
    public LedgerHead ledgerHead(String tenant) {
        return ledger.ledgerHead(tenant);
    }

    @Override
    public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired,
                                     PageRequest page) {
        return ledger.ledger(tenant, fromSequence, keyId, includeExpired, page);
    }
}
