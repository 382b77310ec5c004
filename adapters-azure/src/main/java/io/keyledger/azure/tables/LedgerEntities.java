package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's ledger: one partition holding the records (row key {@code R|<sequence>}) and the head (row
 * key {@code ~HEAD}, after every record).
 *
 * <p>An append is one entity group transaction on that partition: create record {@code n} (it must not
 * exist) and move the head to {@code n} (conditional on the ETag of the head read, or a create when there
 * is none). Of two writers of the same sequence one commits, and the other's transaction fails as a
 * whole ({@link LedgerConflictException}): the head always names the last record, so it is read alone.
 * The head entity outlives purges, so the removal of the last records is still noticed.
 */
final class LedgerEntities implements LedgerStore {

    private static final String SEQUENCE = "sequence";
    private static final String RECORDED_AT = "recordedAt";
    private static final String ENTRY_TYPE = "entryType";
    private static final String KEY_ID = "keyId";
    private static final String PAYLOAD = "payload";
    private static final String PREVIOUS_HASH = "previousHash";
    private static final String HASH = "hash";
    private static final String LAST_RECORD = Keys.ledgerRecord(Long.MAX_VALUE);

    /** The head as last read or written by this store, with its ETag. */
    private record KnownHead(LedgerHead head, String etag) {
    }

    private final TableCalls calls;
    private final TenantEntities tenants;
    private final Clock clock;
    private final TablesRetention retention;
    private final Duration ttlGrace;
    private final Map<String, KnownHead> heads = new ConcurrentHashMap<>();

    LedgerEntities(TableCalls calls, TenantEntities tenants, Clock clock, TablesRetention retention, Duration ttlGrace) {
        this.calls = calls;
        this.tenants = tenants;
        this.clock = clock;
        this.retention = retention;
        this.ttlGrace = ttlGrace;
    }

    @Override
    public void appendLedger(LedgerRecord record) {
        String tenant = tenants.writing(record.tenant());
        KnownHead known = heads.get(tenant);
        if (known == null || known.head().sequence() + 1 != record.sequence()) {
            known = readHead(tenant);
        }
        if (record.sequence() != known.head().sequence() + 1) {
            throw new LedgerConflictException(tenant, record.sequence());
        }
        TableEntity head = Entities.entity(Keys.ledger(tenant), Keys.LEDGER_HEAD, "LEDGER_HEAD");
        head.addProperty(SEQUENCE, record.sequence());
        head.addProperty(HASH, record.hash());
        TableTransactionAction moveHead = known.etag().isEmpty()
                ? new TableTransactionAction(TableTransactionActionType.CREATE, head)
                : new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE,
                        TableCalls.withETag(head, known.etag()), true);
        TableCalls.Transaction done = calls.transact(List.of(
                new TableTransactionAction(TableTransactionActionType.CREATE, encode(record)), moveHead),
                "append ledger record " + record.sequence() + " of tenant " + tenant);
        if (!done.applied()) {
            heads.remove(tenant);
            throw new LedgerConflictException(tenant, record.sequence());
        }
        String etag = done.etags().size() > 1 ? done.etags().get(1) : "";
        if (etag.isEmpty()) {
            heads.remove(tenant);
        } else {
            heads.put(tenant, new KnownHead(new LedgerHead(record.sequence(), record.hash()), etag));
        }
    }

    @Override
    public LedgerHead ledgerHead(String tenant) {
        return readHead(tenant).head();
    }

    private KnownHead readHead(String tenant) {
        KnownHead known = calls.get(Keys.ledger(tenant), Keys.LEDGER_HEAD, "read the ledger head of tenant " + tenant)
                .map(e -> new KnownHead(new LedgerHead(Entities.number(e, SEQUENCE), Entities.string(e, HASH)), e.getETag()))
                .orElse(new KnownHead(LedgerHead.EMPTY, ""));
        if (known.etag().isEmpty()) {
            heads.remove(tenant);
        } else {
            heads.put(tenant, known);
        }
        return known;
    }

    @Override
    public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired,
                                     PageRequest page) {
        long from = Math.max(Math.max(1, fromSequence),
                page.cursor().map(c -> Cursors.decodeSequence(c) + 1).orElse(fromSequence));
        Iterator<TableEntity> entities = calls.query(rangeFilter(tenant, from, keyId), page.limit() + 1,
                "read the ledger of tenant " + tenant);
        Instant now = clock.instant();
        List<LedgerRecord> out = new ArrayList<>();
        while (out.size() <= page.limit() && entities.hasNext()) {
            TableEntity e = entities.next();
            if (includeExpired || !Entities.expired(e, now)) {
                out.add(decode(tenant, e));
            }
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<LedgerRecord> shown = out.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).sequence())));
    }

    /** Records from {@code from} on, in sequence order; those of one key filtered by the service. */
    private static String rangeFilter(String tenant, long from, Optional<String> keyId) {
        return "PartitionKey eq " + Keys.literal(Keys.ledger(tenant)) + " and RowKey ge "
                + Keys.literal(Keys.ledgerRecord(from)) + " and RowKey le " + Keys.literal(LAST_RECORD)
                + keyId.map(k -> " and " + KEY_ID + " eq " + Keys.literal(k)).orElse("");
    }

    /** Gives the records (of one key, or all, tenant-level ones included) their expiry from {@code rules}. */
    void restamp(String tenant, Optional<String> keyId, ExpiryRules rules) {
        List<TableTransactionAction> writes = new ArrayList<>();
        Instant now = clock.instant();
        calls.query(rangeFilter(tenant, 1, keyId), 1000, "read the ledger to recompute expiries").forEachRemaining(e -> {
            LedgerRecord r = decode(tenant, e);
            Optional<Instant> expiry = rules.forLedger(r);
            if (!expiry.equals(r.expiresAt())) {
                writes.add(new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE,
                        encode(r.withExpiresAt(expiry), now)));
            }
        });
        calls.transactAll(writes, "recompute ledger expiries");
    }

    /** Removes the expired records and returns them; the head stays. */
    List<LedgerRecord> purge(String tenant, Instant now) {
        List<LedgerRecord> removed = new ArrayList<>();
        List<TableTransactionAction> deletes = new ArrayList<>();
        String filter = rangeFilter(tenant, 1, Optional.empty()) + " and " + Entities.EXPIRY + " le "
                + Keys.literal(Entities.timeKey(now, "now"));
        calls.query(filter, 1000, "read the ledger to purge it").forEachRemaining(e -> {
            if (Entities.expired(e, now)) {
                removed.add(decode(tenant, e));
                deletes.add(new TableTransactionAction(TableTransactionActionType.DELETE,
                        new TableEntity(e.getPartitionKey(), e.getRowKey())));
            }
        });
        calls.transactAll(deletes, "purge expired ledger records");
        return removed;
    }

    private TableEntity encode(LedgerRecord r) {
        return encode(r, clock.instant());
    }

    private TableEntity encode(LedgerRecord r, Instant now) {
        TableEntity e = Entities.entity(Keys.ledger(r.tenant()), Keys.ledgerRecord(r.sequence()), "LEDGER_RECORD");
        e.addProperty(SEQUENCE, r.sequence());
        e.addProperty(RECORDED_AT, r.recordedAt().toString());
        e.addProperty(ENTRY_TYPE, r.type().name());
        r.keyId().ifPresent(k -> e.addProperty(KEY_ID, k));
        Entities.putBody(e, PAYLOAD, r.payload());
        e.addProperty(PREVIOUS_HASH, r.previousHash());
        e.addProperty(HASH, r.hash());
        Entities.putExpiry(e, r.expiresAt(), retention, now, ttlGrace);
        return e;
    }

    private static LedgerRecord decode(String tenant, TableEntity e) {
        return new LedgerRecord(tenant, Entities.number(e, SEQUENCE), Instant.parse(Entities.string(e, RECORDED_AT)),
                LedgerEntryType.valueOf(Entities.string(e, ENTRY_TYPE)), Entities.optionalString(e, KEY_ID),
                Entities.body(e, PAYLOAD), Entities.string(e, PREVIOUS_HASH), Entities.string(e, HASH),
                Entities.expiry(e));
    }
}
