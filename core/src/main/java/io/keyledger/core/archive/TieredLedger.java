package io.keyledger.core.archive;

import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.ArchiveStore;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.RetentionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's ledger read across both tiers, as if it had never left the store: the records of archived
 * segments and those the store keeps, merged in sequence order (a record kept in the store within an
 * archived range stands in its place). Appends and the head are the store's. An archived record's expiry
 * is the one the tenant's retention rules give now; read with the expired records, it has none. Reading a segment that is missing or altered throws
 * {@link ArchiveSegmentException}, naming it.
 */
public final class TieredLedger implements LedgerStore {

    private final LedgerStore hot;
    private final ArchiveStore index;
    private final RetentionStore retention;
    private final SegmentCache segments;
    private final Clock clock;

    public TieredLedger(LedgerStore hot, ArchiveStore index, RetentionStore retention, ArchiveObjects objects, Clock clock) {
        this(hot, index, retention, new SegmentCache(objects), clock);
    }

    TieredLedger(LedgerStore hot, ArchiveStore index, RetentionStore retention, SegmentCache segments, Clock clock) {
        this.hot = Objects.requireNonNull(hot, "hot");
        this.index = Objects.requireNonNull(index, "index");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.segments = Objects.requireNonNull(segments, "segments");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    SegmentCache segments() {
        return segments;
    }

    @Override
    public void appendLedger(LedgerRecord record) {
        hot.appendLedger(record);
    }

    @Override
    public LedgerHead ledgerHead(String tenant) {
        return hot.ledgerHead(tenant);
    }

    @Override
    public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired,
                                     PageRequest page) {
        long from = Math.max(fromSequence, page.cursor().map(c -> Cursors.decodeSequence(c) + 1).orElse(fromSequence));
        List<ArchivedSegment> relevant = (keyId.isPresent() ? index.segmentsOfKey(tenant, keyId.get())
                : index.segments(tenant)).stream().filter(s -> s.toSequence() >= from).toList();
        if (relevant.isEmpty()) {
            Page<LedgerRecord> p = hot.ledger(tenant, from, keyId, includeExpired, PageRequest.first(page.limit()));
            return p;
        }
        // Read with expired records (verification, reports), an archived record has no stored expiry to give.
        Optional<ExpiryRules> rules = includeExpired ? Optional.empty()
                : Optional.of(new ExpiryRules(retention.retentionPolicy(tenant), retention.legalHolds(tenant)));
        List<LedgerRecord> archived = new ArrayList<>();
        for (ArchivedSegment s : relevant) {
            for (LedgerRecord r : segments.records(s)) {
                if (r.sequence() < from || (keyId.isPresent() && !keyId.equals(r.keyId()))) {
                    continue;
                }
                LedgerRecord stamped = rules.map(x -> r.withExpiresAt(x.forLedger(r))).orElse(r);
                if (includeExpired || !stamped.expiredAt(clock.instant())) {
                    archived.add(stamped);
                }
                if (archived.size() > page.limit()) {
                    break;
                }
            }
            if (archived.size() > page.limit()) {
                break;
            }
        }
        Page<LedgerRecord> hotPage = hot.ledger(tenant, from, keyId, includeExpired, PageRequest.first(page.limit()));
        List<LedgerRecord> merged = new ArrayList<>();
        int a = 0;
        int h = 0;
        List<LedgerRecord> hotItems = hotPage.items();
        // Past the last record of a hot page that has more, the store's records are not known yet.
        long known = hotPage.nextCursor().isPresent() && !hotItems.isEmpty()
                ? hotItems.get(hotItems.size() - 1).sequence() : Long.MAX_VALUE;
        while (merged.size() <= page.limit() && (a < archived.size() || h < hotItems.size())) {
            LedgerRecord next;
            if (h >= hotItems.size() || (a < archived.size() && archived.get(a).sequence() < hotItems.get(h).sequence())) {
                next = archived.get(a++);
            } else if (a < archived.size() && archived.get(a).sequence() == hotItems.get(h).sequence()) {
                next = archived.get(a++); // a copy the store has not released yet: the archived one stands
                h++;
            } else {
                next = hotItems.get(h++);
            }
            if (next.sequence() > known) {
                break;
            }
            merged.add(next);
        }
        boolean more = merged.size() > page.limit() || a < archived.size() || h < hotItems.size()
                || hotPage.nextCursor().isPresent();
        List<LedgerRecord> items = merged.size() > page.limit() ? merged.subList(0, page.limit()) : merged;
        if (items.isEmpty()) {
            return new Page<>(List.of(), Optional.empty());
        }
        return new Page<>(items, more ? Optional.of(Cursors.encode(items.get(items.size() - 1).sequence()))
                : Optional.empty());
    }
}
