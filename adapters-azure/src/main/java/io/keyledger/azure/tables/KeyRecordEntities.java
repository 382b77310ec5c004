package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.KeyRecordStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.UsageStore;
import io.keyledger.core.store.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Key records (one entity per key in the tenant's key-record partition, row key the key id) and usage
 * rollups (one entity in the key's own partition). Both are written conditionally on the ETag of the
 * version they were computed from: the revision the caller expects is checked against the stored one,
 * and the ETag makes the write lose against any writer that got there in between.
 *
 * <p>The ETag of each record and rollup this store last read or wrote is remembered ({@link ETags}), so
 * that the usual read-then-write of the ingest costs one read and one write, not two reads.
 */
final class KeyRecordEntities implements KeyRecordStore, UsageStore {

    private static final String KEY_ID = "keyId";
    private static final String REVISION = "revision";
    private static final String STATE = "state";
    private static final String PROVIDER = "provider";
    private static final String OWNER = "owner";
    private static final String BODY = "body";
    private static final int MAX_ATTEMPTS = 100;
    /** How long a remembered rollup saves its read: about one ingest batch. */
    private static final Duration ROLLUP_MEMORY = Duration.ofMinutes(1);

    private final TableCalls calls;
    private final TenantEntities tenants;
    private final Clock clock;
    private final TablesRetention retention;
    private final ETags<Long> records = new ETags<>(10_000);
    private final ETags<UsageContext> rollups = new ETags<>(10_000);

    KeyRecordEntities(TableCalls calls, TenantEntities tenants, Clock clock, TablesRetention retention) {
        this.calls = calls;
        this.tenants = tenants;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
        Instant now = clock.instant();
        Optional<TableEntity> read = read(tenant, keyId);
        read.ifPresent(e -> records.remember(tenant, keyId, Entities.number(e, REVISION), e.getETag(), now));
        return read.filter(e -> !Entities.expired(e, now))
                .map(e -> new Versioned<>(decode(e), Entities.number(e, REVISION)));
    }

    private Optional<TableEntity> read(String tenant, String keyId) {
        return calls.get(Keys.keyRecords(tenant), Keys.keyRow(keyId), "read the key record " + keyId);
    }

    @Override
    public long putAsset(String tenant, CryptoAsset asset, long expectedRevision) {
        if (!asset.tenant().equals(tenant)) {
            throw new IllegalArgumentException("asset of tenant '" + asset.tenant() + "' written as tenant '" + tenant + "'");
        }
        if (expectedRevision < 0) {
            throw new IllegalArgumentException("expected revision must not be negative: " + expectedRevision);
        }
        tenants.writing(tenant);
        String keyId = asset.id();
        String what = "write the key record " + keyId;
        Optional<String> etag = records.etag(tenant, keyId, expectedRevision);
        boolean insert = expectedRevision == 0 && etag.isEmpty();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            TableEntity next = encode(tenant, asset, expectedRevision + 1, now);
            Optional<String> written;
            if (insert) {
                written = calls.insert(next, what);
            } else if (etag.isPresent()) {
                written = calls.replaceIf(next, etag.get(), what);
            } else {
                written = Optional.empty();
            }
            if (written.isPresent()) {
                records.remember(tenant, keyId, expectedRevision + 1, written.get(), now);
                return expectedRevision + 1;
            }
            // Lost, or nothing known to write against: read what is there and decide.
            records.forget(tenant, keyId);
            Optional<TableEntity> current = read(tenant, keyId);
            long revision = current.filter(c -> !Entities.expired(c, now)).map(c -> Entities.number(c, REVISION)).orElse(0L);
            if (revision != expectedRevision) {
                throw new StaleRevisionException("key " + keyId + " is at revision " + revision + ", not " + expectedRevision);
            }
            insert = current.isEmpty();
            etag = current.map(TableEntity::getETag);
        }
        throw new TablesStoreException("the key record " + keyId + " kept changing while it was written");
    }

    private TableEntity encode(String tenant, CryptoAsset asset, long revision, Instant now) {
        TableEntity e = Entities.entity(Keys.keyRecords(tenant), Keys.keyRow(asset.id()), "KEY_RECORD");
        e.addProperty(KEY_ID, asset.id());
        e.addProperty(REVISION, revision);
        e.addProperty(STATE, asset.state().name());
        e.addProperty(PROVIDER, asset.provider().code());
        asset.owner().ifPresent(o -> e.addProperty(OWNER, o));
        Entities.putBody(e, BODY, Json.write(asset));
        Entities.putExpiry(e, asset.retainedUntil(), retention, now, Duration.ZERO);
        return e;
    }

    private static CryptoAsset decode(TableEntity e) {
        return Json.read(Entities.body(e, BODY), CryptoAsset.class);
    }

    /**
     * One page of matching records in key id order: one query of the tenant's key-record partition from
     * the cursor on, with state, provider and owner filtered by the service, the other filters here;
     * reading goes on until the page is full.
     */
    @Override
    public Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) {
        StringBuilder filter = new StringBuilder("PartitionKey eq ").append(Keys.literal(Keys.keyRecords(tenant)));
        page.cursor().map(Cursors::decode).ifPresent(after ->
                filter.append(" and RowKey gt ").append(Keys.literal(Keys.keyRow(after))));
        query.state().ifPresent(s -> filter.append(" and ").append(STATE).append(" eq ").append(Keys.literal(s.name())));
        query.provider().ifPresent(p -> filter.append(" and ").append(PROVIDER).append(" eq ").append(Keys.literal(p.code())));
        query.owner().ifPresent(o -> filter.append(" and ").append(OWNER).append(" eq ").append(Keys.literal(o)));
        Instant now = clock.instant();
        Iterator<TableEntity> entities = calls.query(filter.toString(), page.limit() + 1, "list key records");
        List<CryptoAsset> matching = new ArrayList<>();
        while (matching.size() <= page.limit() && entities.hasNext()) {
            TableEntity e = entities.next();
            if (Entities.expired(e, now)) {
                continue;
            }
            CryptoAsset a = decode(e);
            if (query.matches(a)) {
                matching.add(a);
            }
        }
        if (matching.size() <= page.limit()) {
            return new Page<>(matching, Optional.empty());
        }
        List<CryptoAsset> shown = matching.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).id())));
    }

    /**
     * Gives key records their retention from {@code rules}. The revision stays: retention is not a change
     * of the key that a concurrent writer must see. Each write is conditional on the ETag read, so a
     * record changed meanwhile is read again rather than overwritten.
     */
    void restamp(String tenant, Optional<String> keyId, ExpiryRules rules) {
        List<TableEntity> entities = keyId.isPresent() ? read(tenant, keyId.get()).map(List::of).orElse(List.of())
                : calls.queryAll(partition(tenant), "list key records to recompute their retention");
        for (TableEntity e : entities) {
            restampOne(tenant, e, rules);
        }
    }

    private void restampOne(String tenant, TableEntity entity, ExpiryRules rules) {
        TableEntity current = entity;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            CryptoAsset asset = decode(current);
            Optional<Instant> retainedUntil = rules.forAsset(asset);
            if (retainedUntil.equals(asset.retainedUntil())) {
                return;
            }
            records.forget(tenant, asset.id());
            TableEntity next = encode(tenant, asset.toBuilder().retainedUntil(retainedUntil).build(),
                    Entities.number(current, REVISION), clock.instant());
            if (calls.replaceIf(next, current.getETag(), "recompute the retention of key record " + asset.id()).isPresent()) {
                return;
            }
            Optional<TableEntity> again = read(tenant, asset.id());
            if (again.isEmpty()) {
                return;
            }
            current = again.get();
        }
        throw new TablesStoreException("the key record " + Entities.describe(entity)
                + " kept changing while its retention was recomputed");
    }

    /**
     * Removes the key records that have expired under {@code rules}, and their usage rollups; the stored expiry
     * only picks the entities looked at. Returns how many records went.
     */
    int purge(String tenant, Instant now, ExpiryRules rules) {
        int removed = 0;
        String filter = partition(tenant) + " and " + Entities.EXPIRY + " le " + Keys.literal(Entities.timeKey(now, "now"));
        for (TableEntity e : calls.queryAll(filter, "list expired key records to purge")) {
            if (!Entities.expired(e, now) || !ExpiryRules.expired(rules.forAsset(decode(e)), now)) {
                continue;
            }
            String keyId = Entities.string(e, KEY_ID);
            records.forget(tenant, keyId);
            rollups.forget(tenant, keyId);
            // Conditional: a key written again since it was read (a new record replacing the expired one) stays.
            if (calls.delete(e.getPartitionKey(), e.getRowKey(), Optional.of(e.getETag()),
                    "purge the expired key record " + keyId)) {
                removed++;
                calls.delete(Keys.keyPartition(tenant, keyId), Keys.USAGE, Optional.empty(),
                        "purge the usage rollup of expired key record " + keyId);
            }
        }
        return removed;
    }

    private static String partition(String tenant) {
        return "PartitionKey eq " + Keys.literal(Keys.keyRecords(tenant));
    }

    // --- usage rollups ---

    /**
     * Merges into the rollup with a write conditional on the ETag of the rollup merged into; merging is
     * commutative and idempotent, so the loser of a race reads again and merges into the winner's rollup.
     * Nothing is written when the merge changes nothing (a repeated use), and a rollup this store read or
     * wrote in the last minute is merged into without reading it again.
     */
    @Override
    public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        return mergeUsageWithBefore(tenant, keyId, usage).after();
    }

    @Override
    public Merge mergeUsageWithBefore(String tenant, String keyId, UsageContext usage) {
        tenants.writing(tenant);
        String what = "merge the usage rollup of " + keyId;
        Optional<ETags.Known<UsageContext>> known = rollups.known(tenant, keyId, clock.instant().minus(ROLLUP_MEMORY));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<UsageContext> current;
            Optional<String> etag;
            if (known.isPresent()) {
                current = Optional.of(known.get().value());
                etag = Optional.of(known.get().etag());
            } else {
                Optional<TableEntity> read = calls.get(Keys.keyPartition(tenant, keyId), Keys.USAGE,
                        "read the usage rollup of " + keyId);
                current = read.map(KeyRecordEntities::usageOf);
                etag = read.map(TableEntity::getETag);
            }
            UsageContext merged = current.map(u -> u.merge(usage)).orElse(usage);
            Merge merge = new Merge(current.orElse(UsageContext.NONE), merged);
            if (current.equals(Optional.of(merged))) {
                etag.ifPresent(t -> rollups.remember(tenant, keyId, merged, t, clock.instant()));
                return merge;
            }
            TableEntity next = Entities.entity(Keys.keyPartition(tenant, keyId), Keys.USAGE, "USAGE");
            next.addProperty(KEY_ID, keyId);
            Entities.putBody(next, BODY, Json.write(merged));
            Optional<String> written = etag.isPresent() ? calls.replaceIf(next, etag.get(), what) : calls.insert(next, what);
            if (written.isPresent()) {
                rollups.remember(tenant, keyId, merged, written.get(), clock.instant());
                return merge;
            }
            rollups.forget(tenant, keyId);
            known = Optional.empty();
        }
        throw new TablesStoreException("the usage rollup of " + keyId + " kept changing while it was merged");
    }

    @Override
    public Optional<UsageContext> usage(String tenant, String keyId) {
        return calls.get(Keys.keyPartition(tenant, keyId), Keys.USAGE, "read the usage rollup of " + keyId)
                .map(KeyRecordEntities::usageOf);
    }

    private static UsageContext usageOf(TableEntity e) {
        return Json.read(Entities.body(e, BODY), UsageContext.class);
    }
}
