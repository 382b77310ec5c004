package io.keyledger.testkit.store;

import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.store.CheckpointStore;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checkpoints of an {@link InMemoryInventoryStore}. */
final class InMemoryCheckpoints implements CheckpointStore {

    private final InMemoryTenants tenants;

    InMemoryCheckpoints(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public boolean putCheckpoint(Checkpoint checkpoint) {
        synchronized (tenants) {
            return tenants.data(checkpoint.tenant()).checkpoints.putIfAbsent(checkpoint.sequence(), checkpoint) == null;
        }
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint(String tenant) {
        synchronized (tenants) {
            return tenants.existing(tenant).flatMap(d -> Optional.ofNullable(d.checkpoints.lastEntry()))
                    .map(Map.Entry::getValue);
        }
    }

    @Override
    public Page<Checkpoint> checkpoints(String tenant, PageRequest page) {
        synchronized (tenants) {
            Optional<InMemoryTenants.Data> d = tenants.existing(tenant);
            if (d.isEmpty()) {
                return new Page<>(List.of(), Optional.empty());
            }
            long from = page.cursor().map(c -> Cursors.decodeSequence(c) + 1).orElse(1L);
            List<Checkpoint> items = new ArrayList<>();
            for (Checkpoint c : d.get().checkpoints.tailMap(from, true).values()) {
                if (items.size() == page.limit()) {
                    return new Page<>(items, Optional.of(Cursors.encode(items.get(items.size() - 1).sequence())));
                }
                items.add(c);
            }
            return new Page<>(items, Optional.empty());
        }
    }
}
