package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's ledger: one document per record in {@code ledger} (named by its sequence), and in
 * {@code ledgerHeads} the head's marker (with its sequence and hash) and the one before it; the greatest is the
 * head.
 *
 * <p>An append of record n is one atomic commit: update head marker n-1 (precondition: it exists, so n follows
 * the head), create record n (precondition: it does not exist, so of two writers of n one wins), create head
 * marker n, delete head marker n-2. The head never falls behind its records, and the head markers have no
 * expiry: they outlive purges, so the removal of the last records is still noticed.
 */
final class LedgerDocs implements LedgerStore {

    static final String SEQUENCE = "sequence";
    private static final String RECORDED_AT = "recordedAt";
    private static final String ENTRY_TYPE = "entryType";
    static final String KEY_ID = "keyId";
    private static final String PAYLOAD = "payload";
    private static final String PREVIOUS_HASH = "previousHash";
    private static final String HASH = "hash";
    private static final String FOLLOWED_BY = "followedBy";

    private final FirestoreCalls calls;
    private final Layout layout;
    private final TenantDocs tenants;
    private final Clock clock;
    private final Duration ttlGrace;

    /**
     * @param ttlGrace how long after its expiry Firestore's time to live may delete a record: long enough for the
     *                 scheduled purge to remove it first and attest the removal in the ledger
     */
    LedgerDocs(FirestoreCalls calls, TenantDocs tenants, Clock clock, Duration ttlGrace) {
        this.calls = calls;
        this.layout = calls.layout();
        this.tenants = tenants;
        this.clock = clock;
        this.ttlGrace = ttlGrace;
    }

    @Override
    public void appendLedger(LedgerRecord record) {
        String tenant = tenants.writing(record.tenant());
        long n = record.sequence();
        if (n < 1) {
            throw new LedgerConflictException(tenant, n);
        }
        Writes writes = Writes.of();
        if (n > 1) {
            writes.updateExisting(layout.ledgerHead(tenant, n - 1), Map.of(FOLLOWED_BY, n));
        }
        Map<String, Object> head = new HashMap<>();
        head.put(SEQUENCE, n);
        head.put(HASH, record.hash());
        head.put(FOLLOWED_BY, null);
        writes.create(layout.ledgerRecord(tenant, n), encode(record)).create(layout.ledgerHead(tenant, n), head);
        if (n > 2) {
            writes.delete(layout.ledgerHead(tenant, n - 2));
        }
        if (!calls.commit(writes, "append ledger record " + n + " of tenant " + tenant)) {
            throw new LedgerConflictException(tenant, n);
        }
    }

    @Override
    public LedgerHead ledgerHead(String tenant) {
        Query q = layout.collection(tenant, Layout.LEDGER_HEADS).orderBy(SEQUENCE, Query.Direction.DESCENDING).limit(1);
        List<? extends DocumentSnapshot> heads = calls.query(q, "read the ledger head of tenant " + tenant);
        return heads.isEmpty() ? LedgerHead.EMPTY
                : new LedgerHead(Fields.number(heads.get(0), SEQUENCE), Fields.text(heads.get(0), HASH));
    }

    @Override
    public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired,
                                     PageRequest page) {
        long from = Math.max(Math.max(1, fromSequence),
                page.cursor().map(c -> Cursors.decodeSequence(c) + 1).orElse(fromSequence));
        Iterator<DocumentSnapshot> docs = calls.pages(range(tenant, from, keyId), SEQUENCE,
                d -> Fields.number(d, SEQUENCE), page.limit() + 1, "read the ledger of tenant " + tenant);
        Instant now = clock.instant();
        List<LedgerRecord> out = new ArrayList<>();
        while (out.size() <= page.limit() && docs.hasNext()) {
            DocumentSnapshot doc = docs.next();
            if (includeExpired || !Fields.expired(doc, now)) {
                out.add(decode(tenant, doc));
            }
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<LedgerRecord> shown = out.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).sequence())));
    }

    private Query range(String tenant, long from, Optional<String> keyId) {
        Query q = layout.collection(tenant, Layout.LEDGER);
        if (keyId.isPresent()) {
            q = q.whereEqualTo(KEY_ID, keyId.get());
        }
        return from > 1 ? q.whereGreaterThanOrEqualTo(SEQUENCE, from) : q;
    }

    /** Gives the records (of one key, or all, tenant-level ones included) their expiry from {@code rules}. */
    void restamp(String tenant, Optional<String> keyId, ExpiryRules rules) {
        List<Writes.Write> writes = new ArrayList<>();
        Iterator<DocumentSnapshot> docs = calls.pages(range(tenant, 1, keyId), SEQUENCE, d -> Fields.number(d, SEQUENCE),
                FirestoreCalls.MAX_PAGE, "read the ledger to recompute expiries");
        while (docs.hasNext()) {
            DocumentSnapshot doc = docs.next();
            LedgerRecord r = decode(tenant, doc);
            Optional<Instant> expiry = rules.forLedger(r);
            if (!expiry.equals(r.expiresAt())) {
                writes.addAll(Writes.of().set(doc.getReference(), encode(r.withExpiresAt(expiry))).list());
            }
        }
        calls.commitAll(writes, "recompute ledger expiries");
    }

    /** Removes the expired records and returns them; the head marker stays. */
    List<LedgerRecord> purge(String tenant, Instant now) {
        Query expired = layout.collection(tenant, Layout.LEDGER)
                .whereLessThanOrEqualTo(Fields.EXPIRY, Fields.timeKey(now, "purge time"));
        List<LedgerRecord> removed = new ArrayList<>();
        List<Writes.Write> deletes = new ArrayList<>();
        for (DocumentSnapshot doc : calls.query(expired, "read the ledger to purge it")) {
            if (Fields.expired(doc, now)) {
                removed.add(decode(tenant, doc));
                deletes.addAll(Writes.of().delete(doc.getReference()).list());
            }
        }
        calls.commitAll(deletes, "purge expired ledger records");
        return removed;
    }

    private Map<String, Object> encode(LedgerRecord r) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(SEQUENCE, r.sequence());
        fields.put(RECORDED_AT, r.recordedAt().toString());
        fields.put(ENTRY_TYPE, r.type().name());
        fields.put(KEY_ID, r.keyId().orElse(null));
        Fields.putBody(fields, PAYLOAD, r.payload());
        fields.put(PREVIOUS_HASH, r.previousHash());
        fields.put(HASH, r.hash());
        Fields.putExpiry(fields, r.expiresAt(), ttlGrace, "ledger record " + r.sequence());
        return fields;
    }

    private static LedgerRecord decode(String tenant, DocumentSnapshot doc) {
        return new LedgerRecord(tenant, Fields.number(doc, SEQUENCE), Instant.parse(Fields.text(doc, RECORDED_AT)),
                LedgerEntryType.valueOf(Fields.text(doc, ENTRY_TYPE)), Fields.optionalText(doc, KEY_ID),
                Fields.body(doc, PAYLOAD), Fields.text(doc, PREVIOUS_HASH), Fields.text(doc, HASH), Fields.expiry(doc));
    }
}
