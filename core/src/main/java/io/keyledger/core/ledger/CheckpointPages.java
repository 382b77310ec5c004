package io.keyledger.core.ledger;

import io.keyledger.core.store.CheckpointStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** A tenant's checkpoints as the store keeps them, read a page at a time, in sequence order. */
final class CheckpointPages implements Iterator<Checkpoint> {

    private final CheckpointStore store;
    private final String tenant;
    private Iterator<Checkpoint> current = List.<Checkpoint>of().iterator();
    private Optional<String> cursor = Optional.empty();
    private boolean lastPage;

    CheckpointPages(CheckpointStore store, String tenant) {
        this.store = store;
        this.tenant = tenant;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && !lastPage) {
            Page<Checkpoint> page = store.checkpoints(tenant, new PageRequest(cursor, PageRequest.MAX_LIMIT));
            current = page.items().iterator();
            cursor = page.nextCursor();
            lastPage = cursor.isEmpty();
        }
        return current.hasNext();
    }

    @Override
    public Checkpoint next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
