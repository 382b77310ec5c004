package io.keyledger.testkit.store;

import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A ledger whose reads show its records as someone with write access to the store left them: the edit returns the
 * record to show in place of each one read, or null to drop it. Appends and the head pass through unchanged.
 */
public final class RewrittenLedger implements LedgerStore {

    private final LedgerStore underneath;
    private volatile UnaryOperator<LedgerRecord> edit;

    public RewrittenLedger(LedgerStore underneath, UnaryOperator<LedgerRecord> edit) {
        this.underneath = Objects.requireNonNull(underneath, "underneath");
        this.edit = Objects.requireNonNull(edit, "edit");
    }

    /** Rewrites the reads from now on. */
    public void rewrite(UnaryOperator<LedgerRecord> edit) {
        this.edit = Objects.requireNonNull(edit, "edit");
    }

    @Override
    public void appendLedger(LedgerRecord record) {
        underneath.appendLedger(record);
    }

    @Override
    public LedgerHead ledgerHead(String tenant) {
        return underneath.ledgerHead(tenant);
    }

    @Override
    public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired,
                                     PageRequest page) {
        Page<LedgerRecord> read = underneath.ledger(tenant, fromSequence, keyId, includeExpired, page);
        return new Page<>(read.items().stream().map(edit).filter(Objects::nonNull).toList(), read.nextCursor());
    }
}
