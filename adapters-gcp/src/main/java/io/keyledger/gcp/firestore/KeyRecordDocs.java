package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key records (one document per key in the tenant's {@code keys}, with its state, provider and owner as fields
 * for queries) and usage rollups (one document per key in {@code usage}).
 *
 * <p><b>Revisions.</b> The write that makes revision n+1 of a record creates the marker of n+1 in
 * {@code keyRevisions} (precondition: it does not exist) in the commit that writes the record: of two writers of
 * the same revision one wins and the other's commit writes nothing, and a writer of an older revision finds its
 * marker taken. The first write creates the record itself on the same precondition. Existence is the only
 * precondition the emulator checks (an update-time precondition would pass every writer there) and the only one
 * the Java client offers for creates. Markers are named after an <i>incarnation</i> of the record, a random id
 * the record's first write chooses, so that a record written again after it expired (its revisions starting
 * again at 1) never meets the markers of the one before. Markers expire with the revision they mark. Usage
 * rollups are versioned the same way in {@code usageRevisions}.
 *
 * <p>A writer must know the incarnation: it is remembered from this store's last read or write of the key, and
 * read otherwise.
 */
final class KeyRecordDocs implements KeyRecordStore, UsageStore {

    static final String KEY_ID = "keyId";
    private static final String REVISION = "revision";
    private static final String INCARNATION = "incarnation";
    static final String STATE = "state";
    static final String PROVIDER = "provider";
    static final String OWNER = "owner";
    private static final String BODY = "body";
    private static final int MAX_ATTEMPTS = 100;
    /** Keys whose incarnation is remembered; past this the memory starts afresh. */
    private static final int REMEMBERED = 10_000;

    private record Incarnation(String id, long revision) {
    }

    private final FirestoreCalls calls;
    private final Layout layout;
    private final TenantDocs tenants;
    private final Clock clock;
    private final Map<String, Incarnation> remembered = new ConcurrentHashMap<>();

    KeyRecordDocs(FirestoreCalls calls, TenantDocs tenants, Clock clock) {
        this.calls = calls;
        this.layout = calls.layout();
        this.tenants = tenants;
        this.clock = clock;
    }

    @Override
    public Optional<Versioned<CryptoAsset>> asset(String tenant, String keyId) {
        return read(tenant, keyId).filter(d -> !Fields.expired(d, clock.instant()))
                .map(d -> new Versioned<>(decode(d), Fields.number(d, REVISION)));
    }

    private Optional<DocumentSnapshot> read(String tenant, String keyId) {
        Optional<DocumentSnapshot> doc = calls.get(layout.key(tenant, keyId), "read the key record " + keyId);
        doc.ifPresent(d -> remember(tenant, keyId, Fields.text(d, INCARNATION), Fields.number(d, REVISION)));
        return doc;
    }

    private void remember(String tenant, String keyId, String incarnation, long revision) {
        if (remembered.size() >= REMEMBERED) {
            remembered.clear();
        }
        remembered.put(tenant + "\n" + keyId, new Incarnation(incarnation, revision));
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
        String what = "write the key record " + asset.id();
        if (expectedRevision == 0) {
            String incarnation = newIncarnation();
            if (calls.commit(first(tenant, asset, incarnation, Writes.of()), what)) {
                remember(tenant, asset.id(), incarnation, 1);
                return 1;
            }
            // An expired record counts as absent: the write replaces it, claiming its next revision so that no
            // other writer changes it meanwhile, and starts a new incarnation at revision 1.
            Optional<DocumentSnapshot> current = read(tenant, asset.id());
            if (current.isPresent() && Fields.expired(current.get(), clock.instant())) {
                Writes claim = Writes.of().create(nextMarker(tenant, current.get()), marker(asset.id(),
                        Fields.text(current.get(), INCARNATION), Fields.number(current.get(), REVISION) + 1,
                        asset.retainedUntil()));
                String replacement = newIncarnation();
                if (calls.commit(first(tenant, asset, replacement, claim), "replace the expired key record " + asset.id())) {
                    remember(tenant, asset.id(), replacement, 1);
                    return 1;
                }
            }
            throw stale(tenant, asset.id(), expectedRevision);
        }
        Incarnation known = remembered.get(tenant + "\n" + asset.id());
        if (known == null || known.revision() != expectedRevision) {
            Optional<DocumentSnapshot> current = read(tenant, asset.id());
            if (current.isEmpty() || Fields.number(current.get(), REVISION) != expectedRevision) {
                throw stale(tenant, asset.id(), expectedRevision);
            }
            known = new Incarnation(Fields.text(current.get(), INCARNATION), expectedRevision);
        }
        long next = expectedRevision + 1;
        Writes writes = Writes.of()
                .create(layout.keyRevision(tenant, asset.id(), known.id(), next),
                        marker(asset.id(), known.id(), next, asset.retainedUntil()))
                .set(layout.key(tenant, asset.id()), encode(asset, known.id(), next));
        if (!calls.commit(writes, what)) {
            remembered.remove(tenant + "\n" + asset.id());
            throw stale(tenant, asset.id(), expectedRevision);
        }
        remember(tenant, asset.id(), known.id(), next);
        return next;
    }

    /** The first revision of a new incarnation, after {@code before} (which decides, when it has a write). */
    private Writes first(String tenant, CryptoAsset asset, String incarnation, Writes before) {
        Writes writes = Writes.of().addAll(before);
        DocumentReference key = layout.key(tenant, asset.id());
        Map<String, Object> record = encode(asset, incarnation, 1);
        if (before.isEmpty()) {
            writes.create(key, record);
        } else {
            writes.set(key, record);
        }
        return writes.set(layout.keyRevision(tenant, asset.id(), incarnation, 1),
                marker(asset.id(), incarnation, 1, asset.retainedUntil()));
    }

    private DocumentReference nextMarker(String tenant, DocumentSnapshot record) {
        return layout.keyRevision(tenant, Fields.text(record, KEY_ID), Fields.text(record, INCARNATION),
                Fields.number(record, REVISION) + 1);
    }

    private static String newIncarnation() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private StaleRevisionException stale(String tenant, String keyId, long expected) {
        long current = asset(tenant, keyId).map(Versioned::revision).orElse(0L);
        return new StaleRevisionException("key " + keyId + " is at revision " + current + ", not " + expected);
    }

    private static Map<String, Object> encode(CryptoAsset asset, String incarnation, long revision) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(KEY_ID, asset.id());
        fields.put(INCARNATION, incarnation);
        fields.put(REVISION, revision);
        fields.put(STATE, asset.state().name());
        fields.put(PROVIDER, asset.provider().code());
        fields.put(OWNER, asset.owner().orElse(null));
        Fields.putBody(fields, BODY, Json.write(asset));
        Fields.putExpiry(fields, asset.retainedUntil(), Duration.ZERO, "key record " + asset.id());
        return fields;
    }

    /** A revision marker, expiring with the revision it marks. */
    private static Map<String, Object> marker(String keyId, String incarnation, long revision,
                                              Optional<Instant> expiry) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(KEY_ID, keyId);
        fields.put(INCARNATION, incarnation);
        fields.put(REVISION, revision);
        Fields.putExpiry(fields, expiry, Duration.ZERO, "revision " + revision + " of key record " + keyId);
        return fields;
    }

    private static CryptoAsset decode(DocumentSnapshot doc) {
        return Json.read(Fields.body(doc, BODY), CryptoAsset.class);
    }

    /**
     * One page of matching records in key id order. Owner, state and provider are query filters when given
     * (owner first: the most selective); the other filters are applied to the records read, and reading goes
     * on, in growing pages, until the page is full.
     */
    @Override
    public Page<CryptoAsset> assets(String tenant, AssetQuery query, PageRequest page) {
        Query q = layout.collection(tenant, Layout.KEYS);
        if (query.owner().isPresent()) {
            q = q.whereEqualTo(OWNER, query.owner().get());
        } else if (query.state().isPresent()) {
            q = q.whereEqualTo(STATE, query.state().get().name());
        } else if (query.provider().isPresent()) {
            q = q.whereEqualTo(PROVIDER, query.provider().get().code());
        }
        Optional<String> after = page.cursor().map(Cursors::decode);
        if (after.isPresent()) {
            q = q.whereGreaterThan(KEY_ID, after.get());
        }
        Instant now = clock.instant();
        Iterator<DocumentSnapshot> docs = calls.pages(q, KEY_ID, d -> Fields.text(d, KEY_ID), page.limit() + 1,
                "list key records");
        List<CryptoAsset> matching = new ArrayList<>();
        while (matching.size() <= page.limit() && docs.hasNext()) {
            DocumentSnapshot doc = docs.next();
            if (Fields.expired(doc, now)) {
                continue;
            }
            CryptoAsset a = decode(doc);
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
     * Gives key records their retention from {@code rules}. Each write makes a new revision (its marker is the
     * precondition), so a record changed meanwhile is read again rather than overwritten, and a writer that read
     * the record before re-reads it rather than overwriting the new retention.
     */
    void restamp(String tenant, Optional<String> keyId, ExpiryRules rules) {
        List<DocumentSnapshot> docs = keyId.isPresent() ? read(tenant, keyId.get()).map(List::of).orElse(List.of())
                : calls.all(layout.collection(tenant, Layout.KEYS), KEY_ID, d -> Fields.text(d, KEY_ID),
                        "list key records to recompute their retention");
        for (DocumentSnapshot doc : docs) {
            restampOne(tenant, doc, rules);
        }
    }

    private void restampOne(String tenant, DocumentSnapshot doc, ExpiryRules rules) {
        DocumentSnapshot current = doc;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            CryptoAsset asset = decode(current);
            Optional<Instant> retainedUntil = rules.forAsset(asset);
            if (retainedUntil.equals(asset.retainedUntil())) {
                return;
            }
            CryptoAsset restamped = asset.toBuilder().retainedUntil(retainedUntil).build();
            String incarnation = Fields.text(current, INCARNATION);
            long next = Fields.number(current, REVISION) + 1;
            Writes writes = Writes.of().create(nextMarker(tenant, current), marker(asset.id(), incarnation, next,
                    retainedUntil)).set(current.getReference(), encode(restamped, incarnation, next));
            if (calls.commit(writes, "recompute the retention of key record " + asset.id())) {
                remember(tenant, asset.id(), incarnation, next);
                return;
            }
            Optional<DocumentSnapshot> again = read(tenant, asset.id());
            if (again.isEmpty()) {
                return;
            }
            current = again.get();
        }
        throw new FirestoreStoreException("the key record " + doc.getReference().getPath()
                + " kept changing while its retention was recomputed");
    }

    /**
     * Removes expired key records with their usage rollups and the markers of both; returns how many records
     * went. Each removal claims the record's next revision, so that a key written again since it was read (a
     * new record replacing the expired one) stays.
     */
    int purge(String tenant, Instant now, ExpiryRules rules) {
        Query expired = layout.collection(tenant, Layout.KEYS)
                .whereLessThanOrEqualTo(Fields.EXPIRY, Fields.timeKey(now, "purge time"));
        int removed = 0;
        for (DocumentSnapshot doc : calls.query(expired, "list expired key records")) {
            if (!Fields.expired(doc, now) || !ExpiryRules.expired(rules.forAsset(decode(doc)), now)) {
                continue;
            }
            String keyId = Fields.text(doc, KEY_ID);
            String incarnation = Fields.text(doc, INCARNATION);
            Writes removal = Writes.of().create(nextMarker(tenant, doc), marker(keyId, incarnation,
                    Fields.number(doc, REVISION) + 1, Fields.expiry(doc))).delete(doc.getReference());
            if (!calls.commit(removal, "purge the expired key record " + keyId)) {
                continue;
            }
            removed++;
            remembered.remove(tenant + "\n" + keyId);
            List<Writes.Write> rest = new ArrayList<>(markers(tenant, Layout.KEY_REVISIONS, keyId, incarnation));
            calls.get(layout.usage(tenant, keyId), "read the usage rollup of " + keyId).ifPresent(u -> {
                rest.addAll(markers(tenant, Layout.USAGE_REVISIONS, keyId, Fields.text(u, INCARNATION)));
                rest.addAll(Writes.of().delete(u.getReference()).list());
            });
            calls.commitAll(rest, "purge the usage rollup and revision markers of " + keyId);
        }
        return removed;
    }

    /** Deletes of the markers of one incarnation of a key's record or rollup. */
    private List<Writes.Write> markers(String tenant, String collection, String keyId, String incarnation) {
        Query q = layout.collection(tenant, collection).whereEqualTo(KEY_ID, keyId).whereEqualTo(INCARNATION, incarnation);
        Writes deletes = Writes.of();
        calls.query(q, "list the revision markers of " + keyId).forEach(m -> deletes.delete(m.getReference()));
        return deletes.list();
    }

    // --- usage rollups ---

    /**
     * Merges into the rollup with a commit conditional on the revision read (its next marker); merging is
     * commutative and idempotent, so the loser of a race merges again into the winner's rollup. Nothing is
     * written when the merge changes nothing (a repeated use).
     */
    @Override
    public UsageContext mergeUsage(String tenant, String keyId, UsageContext usage) {
        return mergeUsageWithBefore(tenant, keyId, usage).after();
    }

    @Override
    public Merge mergeUsageWithBefore(String tenant, String keyId, UsageContext usage) {
        tenants.writing(tenant);
        DocumentReference ref = layout.usage(tenant, keyId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<DocumentSnapshot> doc = calls.get(ref, "read the usage rollup of " + keyId);
            Optional<UsageContext> current = doc.map(KeyRecordDocs::usageOf);
            UsageContext merged = current.map(u -> u.merge(usage)).orElse(usage);
            Merge merge = new Merge(current.orElse(UsageContext.NONE), merged);
            if (current.equals(Optional.of(merged))) {
                return merge;
            }
            String incarnation = doc.map(d -> Fields.text(d, INCARNATION)).orElseGet(KeyRecordDocs::newIncarnation);
            long next = doc.map(d -> Fields.number(d, REVISION)).orElse(0L) + 1;
            Map<String, Object> fields = new HashMap<>();
            fields.put(KEY_ID, keyId);
            fields.put(INCARNATION, incarnation);
            fields.put(REVISION, next);
            Fields.putBody(fields, BODY, Json.write(merged));
            DocumentReference marker = layout.usageRevision(tenant, keyId, incarnation, next);
            Writes writes = doc.isEmpty()
                    ? Writes.of().create(ref, fields).set(marker, marker(keyId, incarnation, next, Optional.empty()))
                    : Writes.of().create(marker, marker(keyId, incarnation, next, Optional.empty())).set(ref, fields);
            if (calls.commit(writes, "merge the usage rollup of " + keyId)) {
                return merge;
            }
        }
        throw new FirestoreStoreException("the usage rollup of " + keyId + " kept changing while it was merged");
    }

    @Override
    public Optional<UsageContext> usage(String tenant, String keyId) {
        return calls.get(layout.usage(tenant, keyId), "read the usage rollup of " + keyId).map(KeyRecordDocs::usageOf);
    }

    /** A page of keys' rollups in one BatchGetDocuments request, not a read per key. */
    @Override
    public Map<String, UsageContext> usages(String tenant, Collection<String> keyIds) {
        Map<String, String> keyIdByPath = new HashMap<>();
        List<DocumentReference> refs = new ArrayList<>();
        for (String keyId : new LinkedHashSet<>(keyIds)) {
            DocumentReference ref = layout.usage(tenant, keyId);
            keyIdByPath.put(ref.getPath(), keyId);
            refs.add(ref);
        }
        Map<String, UsageContext> out = new HashMap<>();
        for (DocumentSnapshot doc : calls.getAll(refs, "read the usage rollups of a page of keys")) {
            String keyId = keyIdByPath.get(doc.getReference().getPath());
            if (keyId != null) {
                out.put(keyId, usageOf(doc));
            }
        }
        return out;
    }

    private static UsageContext usageOf(DocumentSnapshot doc) {
        return Json.read(Fields.body(doc, BODY), UsageContext.class);
    }
}
