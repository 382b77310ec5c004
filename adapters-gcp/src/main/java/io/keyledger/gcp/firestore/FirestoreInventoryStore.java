package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.Firestore;
import io.keyledger.core.store.ComposedStore;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoreLifecycle;
import io.keyledger.core.store.StoreParts;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An {@link InventoryStore} on Firestore (native mode), in one root collection of one database: each tenant is a
 * document of the root collection and everything of the tenant lives in its subcollections (docs/gcp/FIRESTORE.md
 * has the layout, the indexes and the time-to-live policies). Thread-safe, and safe for any number of stores on
 * the same collection (one per function instance).
 *
 * <ul>
 *   <li>Every change another writer could race is one atomic commit whose outcome is decided by a precondition
 *       on a document's existence: key records and usage rollups through revision markers, events and alerts by
 *       creating the document named after their id, the ledger through its head marker
 *       ({@link KeyRecordDocs}, {@link LedgerDocs}). A key record write that loses gets a
 *       {@link io.keyledger.core.store.StaleRevisionException}; nothing needs an interactive transaction.</li>
 *   <li>Expiring documents carry {@code expireAt}, a timestamp for Firestore's time-to-live policies, and
 *       {@code expiry}, the exact expiry that reads compare with this store's clock: time to live deletes late
 *       (typically within a day), so an expired document is invisible before it is gone. Nothing under legal
 *       hold has an {@code expireAt}.</li>
 *   <li>Bodies are JSON, gzip-compressed above 2 KiB; a document over Firestore's 1 MiB limit is refused naming
 *       the record, except sweep reports, which are split into parts ({@link SweepReportDocs}).</li>
 * </ul>
 *
 * <p>Reads are strongly consistent. There is no unit of work: {@link #inUnitOfWork} runs the calls one by one,
 * each with its own semantics. {@link #restampExpiries} rewrites events and ledger records in batched commits,
 * and key records one conditional commit each: do not run it while a purge of the same tenant runs, or a
 * rewrite of a record the purge just removed would bring it back.
 *
 * <p>Each feature port is a part of its own on the database: {@link KeyRecordDocs} (with the usage rollups),
 * {@link EventDocs}, {@link LedgerDocs}, {@link CheckpointDocs}, {@link AlertDocs}, {@link SweepReportDocs},
 * {@link RetentionDocs} and {@link ArchiveDocs},
 * each listing a tenant ({@link TenantDocs}) before its first write; this class composes them. Every request is
 * counted in the {@link FirestoreRequestCounter} given to the builder. The store does not own the client: close
 * the client yourself.
 */
public final class FirestoreInventoryStore extends ComposedStore {

    /** The root collection when none is given. */
    public static final String DEFAULT_ROOT = "keyledger";

    /** Collection ids: letters, digits, '-' and '_', not starting with "__". */
    private static final Pattern COLLECTION_ID = Pattern.compile("(?!__)[A-Za-z0-9_-]{1,100}");

    private final String root;

    private FirestoreInventoryStore(Builder b) {
        super(parts(b));
        this.root = b.root;
    }

    private static StoreParts parts(Builder b) {
        FirestoreCalls calls = new FirestoreCalls(b.firestore, new Layout(b.firestore, b.root), b.counter);
        TenantDocs tenantDocs = new TenantDocs(calls);
        KeyRecordDocs keyRecords = new KeyRecordDocs(calls, tenantDocs, b.clock);
        EventDocs events = new EventDocs(calls, tenantDocs, b.clock);
        LedgerDocs ledger = new LedgerDocs(calls, tenantDocs, b.clock, b.ledgerTtlGrace);
        RetentionDocs retention = new RetentionDocs(calls, tenantDocs, events, ledger, keyRecords);
        return new StoreParts(keyRecords, new KeyStoreDocs(calls, tenantDocs), keyRecords, events, ledger,
                new CheckpointDocs(calls, tenantDocs), new AlertDocs(calls, tenantDocs),
                new SweepReportDocs(calls, tenantDocs), retention, new ArchiveDocs(calls, tenantDocs, ledger, events),
                StoreLifecycle.withoutUnitOfWork(tenantDocs::tenants));
    }

    static String requireCollectionId(String collectionId) {
        if (collectionId == null || !COLLECTION_ID.matcher(collectionId).matches()) {
            throw new IllegalArgumentException("root collection: not a collection id of letters, digits, '-' and "
                    + "'_': '" + collectionId + "'");
        }
        return collectionId;
    }

    /** A store in the root collection {@value #DEFAULT_ROOT} whose reads see time through {@code clock}. */
    public static FirestoreInventoryStore create(Firestore firestore, Clock clock) {
        return builder(firestore).clock(clock).build();
    }

    public static Builder builder(Firestore firestore) {
        return new Builder(firestore);
    }

    /** The root collection this store reads and writes. */
    public String rootCollection() {
        return root;
    }

    /** Options of a store; only the client and the clock are needed. */
    public static final class Builder {
        private final Firestore firestore;
        private Clock clock;
        private String root = DEFAULT_ROOT;
        private FirestoreRequestCounter counter = new FirestoreRequestCounter();
        private Duration ledgerTtlGrace = Duration.ofDays(30);

        private Builder(Firestore firestore) {
            this.firestore = Objects.requireNonNull(firestore, "firestore");
        }

        /** The clock that decides what has expired. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The root collection that holds the tenants' documents (default {@value #DEFAULT_ROOT}): letters,
         * digits, '-' and '_'.
         */
        public Builder rootCollection(String collectionId) {
            this.root = requireCollectionId(collectionId);
            return this;
        }

        /** Where the store counts its requests (default: a counter of its own). */
        public Builder requestCounter(FirestoreRequestCounter counter) {
            this.counter = Objects.requireNonNull(counter, "counter");
            return this;
        }

        /**
         * How long after a ledger record's expiry Firestore's time to live may delete it (default 30 days). The
         * scheduled purge removes expired records first and attests them in the ledger; a record that time to
         * live deleted unattested would show as a break in {@code verify}.
         */
        public Builder ledgerTtlGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("ledger TTL grace must not be negative: " + grace);
            }
            this.ledgerTtlGrace = grace;
            return this;
        }

        public FirestoreInventoryStore build() {
            if (clock == null) {
                throw new IllegalStateException("a Firestore store needs a clock");
            }
            return new FirestoreInventoryStore(this);
        }
    }
}
