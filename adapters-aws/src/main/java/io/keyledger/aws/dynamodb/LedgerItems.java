package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.n;
import static io.keyledger.aws.dynamodb.Attributes.s;
import static io.keyledger.aws.dynamodb.Keys.PK;
import static io.keyledger.aws.dynamodb.Keys.SK;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A tenant's ledger: one partition holding the records (sort key {@code R#<sequence>}) and the head
 * (sort key {@code ~HEAD}, after every record).
 *
 * <p>An append puts the record on the condition that its sequence is free (that put is the commit:
 * of two writers of the same sequence, one wins), then moves the head forward (a condition keeps it
 * from ever moving back). The head is read together with the last record, in one query; the larger of
 * the two is the head, so a writer that died between the put and the head update leaves nothing
 * inconsistent, and the next reader moves the head forward. The head item outlives purges, so the
 * removal of the last records is still noticed.
 *
 * <p>Within a unit of work ({@link #inUnitOfWork}) the head moves once, when the unit ends, rather than after each
 * append: a lagging head is what a writer that died leaves anyway, and readers take the last record. Appends after
 * the unit's first chain onto the record the unit appended last, without reading the head again; the conditional
 * put still refuses a sequence another writer took meanwhile.
 */
final class LedgerItems implements LedgerStore {

    private static final String TYPE = "type";
    private static final String SEQUENCE = "sequence";
    private static final String RECORDED_AT = "recordedAt";
    private static final String ENTRY_TYPE = "entryType";
    private static final String KEY_ID = "keyId";
    private static final String PAYLOAD = "payload";
    private static final String PREVIOUS_HASH = "previousHash";
    private static final String HASH = "hash";
    private static final String LAST_RECORD = Keys.LEDGER_RECORD_PREFIX + "9".repeat(20);
    private static final int WRITE_CHUNK = 1000;

    private final DynamoDbCalls calls;
    private final TenantItems tenants;
    private final Clock clock;
    private final Duration ttlGrace;
    /** The unit of work open on this thread: each tenant's last record appended in it, whose head move waits. */
    private final ThreadLocal<Map<String, LedgerHead>> unit = new ThreadLocal<>();

    /**
     * @param ttlGrace how long after its expiry DynamoDB's time to live may delete a record: long enough
     *                 for the scheduled purge to remove it first and attest the removal in the ledger
     */
    LedgerItems(DynamoDbCalls calls, TenantItems tenants, Clock clock, Duration ttlGrace) {
        this.calls = calls;
        this.tenants = tenants;
        this.clock = clock;
        this.ttlGrace = ttlGrace;
    }

    @Override
    public void appendLedger(LedgerRecord record) {
        String tenant = tenants.writing(record.tenant());
        Map<String, LedgerHead> appended = unit.get();
        LedgerHead last = appended == null ? null : appended.remove(tenant);
        LedgerHead head = last != null ? last : ledgerHead(tenant);
        if (record.sequence() != head.sequence() + 1 || (last != null && !record.previousHash().equals(last.hash()))) {
            throw new LedgerConflictException(tenant, record.sequence());
        }
        PutItemRequest put = PutItemRequest.builder().item(encode(record))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)).build();
        if (!calls.putIf(put, "append ledger record " + record.sequence() + " of tenant " + tenant)) {
            throw new LedgerConflictException(tenant, record.sequence());
        }
        LedgerHead now = new LedgerHead(record.sequence(), record.hash());
        if (appended != null) {
            appended.put(tenant, now);
        } else {
            moveHead(tenant, now);
        }
    }

    /**
     * Runs {@code work} as a unit of work of the ledger (or within the one open on this thread): the head of each
     * tenant it appended to moves once, at its end, also when it fails (what it appended is kept).
     */
    <T> T inUnitOfWork(Supplier<T> work) {
        if (unit.get() != null) {
            return work.get();
        }
        Map<String, LedgerHead> appended = new LinkedHashMap<>();
        unit.set(appended);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            unit.remove();
            try {
                appended.forEach(this::moveHead);
            } catch (RuntimeException f) {
                // the head lags, as after a writer that died: the next reader moves it
                e.addSuppressed(f);
            }
            throw e;
        }
        unit.remove();
        appended.forEach(this::moveHead);
        return result;
    }

    /** The head: the head item or the last record, whichever is further (one consistent query). */
    @Override
    public LedgerHead ledgerHead(String tenant) {
        QueryRequest q = QueryRequest.builder().keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.ledger(tenant)))).scanIndexForward(false)
                .limit(2).consistentRead(true).build();
        Iterator<Map<String, AttributeValue>> items = calls.query(q, 2, "read the ledger head of tenant " + tenant);
        LedgerHead stored = LedgerHead.EMPTY;
        LedgerHead lastRecord = LedgerHead.EMPTY;
        for (int i = 0; i < 2 && items.hasNext(); i++) {
            Map<String, AttributeValue> item = items.next();
            ItemRow row = ItemRow.of(tenant, "ledger item " + Attributes.describe(item), item);
            LedgerHead h = new LedgerHead(row.number(SEQUENCE), row.text(HASH));
            if (Keys.LEDGER_HEAD.equals(Attributes.string(item, SK))) {
                stored = h;
            } else if (h.sequence() > lastRecord.sequence()) {
                lastRecord = h;
            }
        }
        if (lastRecord.sequence() > stored.sequence()) {
            Map<String, LedgerHead> appended = unit.get();
            // this unit's own appends: their head move comes when the unit ends
            if (appended == null || !lastRecord.equals(appended.get(tenant))) {
                moveHead(tenant, lastRecord);
            }
            return lastRecord;
        }
        return stored;
    }

    private void moveHead(String tenant, LedgerHead to) {
        UpdateItemRequest update = UpdateItemRequest.builder().key(Keys.item(Keys.ledger(tenant), Keys.LEDGER_HEAD))
                .updateExpression("SET #sequence = :sequence, #hash = :hash, #type = :type")
                .conditionExpression("attribute_not_exists(#sequence) OR #sequence < :sequence")
                .expressionAttributeNames(Map.of("#sequence", SEQUENCE, "#hash", HASH, "#type", TYPE))
                .expressionAttributeValues(Map.of(":sequence", n(to.sequence()), ":hash", s(to.hash()),
                        ":type", s("LEDGER_HEAD")))
                .build();
        // False only when another writer already moved it this far or further.
        calls.updateIf(update, "move the ledger head of tenant " + tenant + " to " + to.sequence());
    }

    @Override
    public Page<LedgerRecord> ledger(String tenant, long fromSequence, Optional<String> keyId, boolean includeExpired,
                            PageRequest page) {
        long from = Math.max(Math.max(1, fromSequence),
                page.cursor().map(c -> Cursors.decodeSequence(c) + 1).orElse(fromSequence));
        Iterator<Map<String, AttributeValue>> items = calls.query(rangeQuery(tenant, from, keyId), page.limit() + 1,
                "read the ledger of tenant " + tenant);
        Instant now = clock.instant();
        List<LedgerRecord> out = new ArrayList<>();
        while (out.size() <= page.limit() && items.hasNext()) {
            Map<String, AttributeValue> item = items.next();
            if (includeExpired || !Attributes.expired(item, now)) {
                try {
                    out.add(decode(tenant, item));
                } catch (io.keyledger.core.store.UnreadableRecordException e) {
                    // The page ends before the record that cannot be read: the next page starts with it, and names it.
                    if (out.isEmpty()) {
                        throw e;
                    }
                    return new Page<>(out, Optional.of(Cursors.encode(out.get(out.size() - 1).sequence())));
                }
            }
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<LedgerRecord> shown = out.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).sequence())));
    }

    /**
     * Records from {@code from} on in sequence order: the ledger partition itself (consistent), or for
     * one key the byOwner index, whose partition per key holds that key's records (eventually consistent).
     */
    /** Deletes the records of these sequences (moved to the archive); the head stays. */
    void release(String tenant, List<Long> sequences) {
        ledgerHead(tenant);
        List<WriteRequest> writes = new ArrayList<>();
        for (long sequence : sequences) {
            writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                    .key(Keys.item(Keys.ledger(tenant), Keys.ledgerRecord(sequence))).build()).build());
        }
        calls.batchWrite(writes, "release archived ledger records of tenant " + tenant);
    }

    private static QueryRequest rangeQuery(String tenant, long from, Optional<String> keyId) {
        if (keyId.isPresent()) {
            DynamoDbTableSchema.Index index = DynamoDbTableSchema.BY_OWNER;
            return QueryRequest.builder().indexName(index.name())
                    .keyConditionExpression("#pk = :pk AND #sk >= :from")
                    .expressionAttributeNames(Map.of("#pk", index.partitionKey(), "#sk", index.sortKey()))
                    .expressionAttributeValues(Map.of(":pk", s(Keys.ledgerOfKey(tenant, keyId.get())),
                            ":from", s(Attributes.sequenceKey(from))))
                    .build();
        }
        return QueryRequest.builder().keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :last")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(Keys.ledger(tenant)), ":from", s(Keys.ledgerRecord(from)),
                        ":last", s(LAST_RECORD)))
                .consistentRead(true).build();
    }

    /** Gives the records (of one key, or all, tenant-level ones included) their expiry from {@code rules}. */
    void restamp(String tenant, Optional<String> keyId, ExpiryRules rules) {
        List<WriteRequest> writes = new ArrayList<>();
        Iterator<Map<String, AttributeValue>> items = calls.query(rangeQuery(tenant, 1, keyId), 1000,
                "read the ledger to recompute expiries");
        while (items.hasNext()) {
            LedgerRecord r = decode(tenant, items.next());
            Optional<Instant> expiry = rules.forLedger(r);
            if (!expiry.equals(r.expiresAt())) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(encode(r.withExpiresAt(expiry))).build()).build());
                if (writes.size() >= WRITE_CHUNK) {
                    calls.batchWrite(List.copyOf(writes), "recompute ledger expiries");
                    writes.clear();
                }
            }
        }
        calls.batchWrite(writes, "recompute ledger expiries");
    }

    /**
     * Removes the records that have expired under {@code rules} and returns them; the stored expiry only
     * picks the items looked at. The head stays (settled first, so it cannot fall back).
     */
    List<LedgerRecord> purge(String tenant, Instant now, ExpiryRules rules) {
        ledgerHead(tenant);
        List<LedgerRecord> removed = new ArrayList<>();
        List<WriteRequest> writes = new ArrayList<>();
        Iterator<Map<String, AttributeValue>> items = calls.query(rangeQuery(tenant, 1, Optional.empty()), 1000,
                "read the ledger to purge it");
        while (items.hasNext()) {
            Map<String, AttributeValue> item = items.next();
            if (!Attributes.expired(item, now)) {
                continue;
            }
            LedgerRecord r = decode(tenant, item);
            if (ExpiryRules.expired(rules.forLedger(r), now)) {
                removed.add(r);
                writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(Keys.item(Attributes.string(item, PK), Attributes.string(item, SK))).build()).build());
                if (writes.size() >= WRITE_CHUNK) {
                    calls.batchWrite(List.copyOf(writes), "purge expired ledger records");
                    writes.clear();
                }
            }
        }
        calls.batchWrite(writes, "purge expired ledger records");
        return removed;
    }

    private Map<String, AttributeValue> encode(LedgerRecord r) {
        return encode(r, ttlGrace);
    }

    /** The item of a record, its time to live {@code ttlGrace} after its expiry. */
    static Map<String, AttributeValue> encode(LedgerRecord r, Duration ttlGrace) {
        Map<String, AttributeValue> item = Keys.item(Keys.ledger(r.tenant()), Keys.ledgerRecord(r.sequence()));
        item.put(TYPE, s("LEDGER_RECORD"));
        item.put(SEQUENCE, n(r.sequence()));
        item.put(RECORDED_AT, s(r.recordedAt().toString()));
        item.put(ENTRY_TYPE, s(r.type().name()));
        r.keyId().ifPresent(k -> {
            item.put(KEY_ID, s(k));
            Keys.indexKey(item, DynamoDbTableSchema.BY_OWNER, Keys.ledgerOfKey(r.tenant(), k),
                    Attributes.sequenceKey(r.sequence()));
        });
        Attributes.putBody(item, PAYLOAD, r.payload());
        item.put(PREVIOUS_HASH, s(r.previousHash()));
        item.put(HASH, s(r.hash()));
        Attributes.putExpiry(item, r.expiresAt(), ttlGrace);
        return item;
    }

    /**
     * Reads a record item back; its key, index key and time-to-live must agree with what it says.
     *
     * @throws io.keyledger.core.store.UnreadableRecordException naming the record and the attribute at fault
     */
    private LedgerRecord decode(String tenant, Map<String, AttributeValue> item) {
        String sk = Attributes.string(item, SK);
        long sequence;
        try {
            sequence = Long.parseLong(sk.substring(Keys.LEDGER_RECORD_PREFIX.length()));
        } catch (RuntimeException e) {
            throw new io.keyledger.core.store.UnreadableRecordException(tenant, "ledger item " + sk,
                    java.util.OptionalLong.empty(), SK, "not a ledger record key");
        }
        ItemRow row = ItemRow.ledger(tenant, sequence, item);
        row.agrees(SEQUENCE, row.number(SEQUENCE), sequence);
        Optional<String> keyId = row.optionalText(KEY_ID);
        row.indexKey(DynamoDbTableSchema.BY_OWNER, keyId.map(k -> Keys.ledgerOfKey(tenant, k)),
                keyId.map(k -> Attributes.sequenceKey(sequence)));
        return new LedgerRecord(tenant, sequence, row.instant(RECORDED_AT), row.name(ENTRY_TYPE, LedgerEntryType.class),
                keyId, row.body(PAYLOAD), row.text(PREVIOUS_HASH), row.text(HASH), row.expiry(ttlGrace));
    }
}
