package io.keyledger.core.ledger;

import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.UnreadableRecordException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a tenant's ledger from a sequence on, expired records included, a page at a time, so that a large
 * ledger is never held in memory. A record that cannot be read is handed to {@code unreadable} and
 * skipped (reading goes on after it); without a handler it is thrown.
 */
final class LedgerReader implements Iterator<LedgerRecord> {

    private final LedgerStore store;
    private final String tenant;
    private final Optional<Consumer<UnreadableRecordException>> unreadable;
    private Iterator<LedgerRecord> current = List.<LedgerRecord>of().iterator();
    private long nextSequence;
    private Optional<String> cursor = Optional.empty();
    private boolean lastPage;
    /** Read one record at a time up to this sequence: a page failed on it, and those before it are to be read. */
    private long carefulUntil;

    LedgerReader(LedgerStore store, String tenant, long fromSequence,
                 Optional<Consumer<UnreadableRecordException>> unreadable) {
        this.store = store;
        this.tenant = tenant;
        this.nextSequence = Math.max(1, fromSequence);
        this.unreadable = unreadable;
    }

    static Iterable<LedgerRecord> from(LedgerStore store, String tenant, long fromSequence,
                                       Optional<Consumer<UnreadableRecordException>> unreadable) {
        return () -> new LedgerReader(store, tenant, fromSequence, unreadable);
    }

    private void fetch() {
        Page<LedgerRecord> page;
        boolean careful = nextSequence < carefulUntil;
        try {
            page = store.ledger(tenant, nextSequence, Optional.empty(), true,
                    careful ? PageRequest.first(1) : new PageRequest(cursor, PageRequest.MAX_LIMIT));
        } catch (UnreadableRecordException e) {
            if (unreadable.isEmpty()) {
                throw e;
            }
            if (e.sequence().isEmpty() || e.sequence().getAsLong() < nextSequence) {
                // Not a record of the ledger (a setting the read needed): named, and the reading ends here.
                unreadable.get().accept(e);
                lastPage = true;
                current = List.<LedgerRecord>of().iterator();
                return;
            }
            if (e.sequence().getAsLong() > nextSequence && !careful) {
                // The page held readable records before the one at fault: read those one by one first.
                carefulUntil = e.sequence().getAsLong();
                cursor = Optional.empty();
                return;
            }
            unreadable.get().accept(e);
            // Read on after the record at fault, from a fresh start.
            nextSequence = Math.max(e.sequence().getAsLong(), e.resumeAfter()) + 1;
            cursor = Optional.empty();
            current = List.<LedgerRecord>of().iterator();
            return;
        }
        current = page.items().iterator();
        cursor = careful ? Optional.empty() : page.nextCursor();
        lastPage = page.nextCursor().isEmpty();
        if (!page.items().isEmpty()) {
            nextSequence = page.items().get(page.items().size() - 1).sequence() + 1;
        }
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && !lastPage) {
            fetch();
        }
        return current.hasNext();
    }

    @Override
    public LedgerRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
