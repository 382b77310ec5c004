package io.keyledger.testkit.store;

import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** The ledgers of an {@link InMemoryInventoryStore}. */
final class InMemoryLedger implements LedgerStore {

    private final InMemoryTenants tenants;

    InMemoryLedger(InMemoryTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public void appendLedger(LedgerRecord record) {
        synchronized (tenants) {
            InMemoryTenants.Data d = tenants.data(record.tenant());
            if (record.sequence() != d.head.sequence() + 1) {
                throw new LedgerConflictException(record.tenant(), record.sequence());
            }
            d.ledger.put(record.sequence(), record);
            record.keyId().ifPresent(k -> d.ledgerByKey.computeIfAbsent(k, x -> new TreeSet<>()).add(record.sequence()));
            d.head = new LedgerHead(record.sequence(), record.hash());
        }
    }

    @Override
    public LedgerHead ledgerHead(String tenant) {
        synchronized (tenants) {
            return tenants.existing(tenant).map(d -> d.head).orElse(LedgerHead.EMPTY);
        }
    }

    @Override
    public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId,
                                     boolean includeExpired, PageRequest page) {
        synchronized (tenants) {
            Optional<InMemoryTenants.Data> d = tenants.existing(tenant);
            if (d.isEmpty()) {
                return new Page<>(List.of(), Optional.empty());
            }
            long from = Math.max(fromSequence,
                    page.cursor().map(c -> Cursors.decodeSequence(c) + 1).orElse(fromSequence));
            Instant now = tenants.now();
            List<LedgerRecord> items = new ArrayList<>();
            for (LedgerRecord r : records(d.get(), from, keyId)) {
                if ((!includeExpired && r.expiredAt(now)) || (keyId.isPresent() && !keyId.equals(r.keyId()))) {
                    continue;
                }
                if (items.size() == page.limit()) {
                    return new Page<>(items, Optional.of(Cursors.encode(items.get(items.size() - 1).sequence())));
                }
                items.add(r);
            }
            return new Page<>(items, Optional.empty());
        }
    }

    /** The tenant's records from {@code from} on, through the key's index when one key is asked for. */
    private static Iterable<LedgerRecord> records(InMemoryTenants.Data d, long from, Optional<String> keyId) {
        if (keyId.isEmpty()) {
            return d.ledger.tailMap(from, true).values();
        }
        NavigableSet<Long> sequences = d.ledgerByKey.getOrDefault(keyId.get(), Collections.emptyNavigableSet());
        return () -> sequences.tailSet(from, true).stream().map(d.ledger::get).filter(Objects::nonNull).iterator();
    }
}
