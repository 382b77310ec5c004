package io.keyledger.core.ledger;

import io.keyledger.core.store.CheckpointStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.util.ArrayList;
import java.util.List;

/** Every checkpoint the store keeps for a tenant, in sequence order (checkpoints are few: one per batch). */
final class CheckpointHistory {

    private CheckpointHistory() {
    }

    static List<Checkpoint> read(CheckpointStore store, String tenant) {
        List<Checkpoint> out = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Checkpoint> page = store.checkpoints(tenant, request);
            out.addAll(page.items());
            if (page.nextCursor().isEmpty()) {
                return out;
            }
            request = request.next(page.nextCursor().get());
        }
    }
}
