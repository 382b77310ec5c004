package io.keyledger.aws.dynamodb;

import io.keyledger.core.store.ComposedStore;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoreLifecycle;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.sweep.Backoff;
import io.keyledger.core.sweep.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An {@link InventoryStore} in one DynamoDB table ({@link DynamoDbTableSchema}; the items are described
 * in docs/aws/DYNAMODB.md). Thread-safe, and safe for any number of stores on the same table (one per
 * Lambda container): every change that another writer could race is a conditional write on one item,
 * and nothing needs a multi-item transaction (which dynalite, the emulator the tests run on, does not have).
 *
 * <ul>
 *   <li>Key records are written conditionally on their revision; a loser gets a
 *       {@link io.keyledger.core.store.StaleRevisionException}.</li>
 *   <li>An event insert is a conditional put on the event's provider and id; alerts likewise on
 *       their dedup key; acknowledgement on the alert being open.</li>
 *   <li>A ledger append is a conditional put on the sequence; the head follows (see {@link LedgerItems}).</li>
 *   <li>Expired records are invisible to reads: each item carries its exact expiry, compared with this
 *       store's clock, because DynamoDB's time to live deletes late (up to days).</li>
 * </ul>
 *
 * <p>Reads through an index are eventually consistent, as DynamoDB's global secondary indexes are:
 * listings filtered by state, provider or owner, alert listings, the ledger of one key, and
 * {@link #tenants()} may lag a write by a fraction of a second. Every other read is strongly consistent.
 * A unit of work is no transaction: {@link #inUnitOfWork} runs the calls one by one, each with its own semantics,
 * and what they wrote stays when the unit fails; only the ledger head, which readers may find behind the last
 * record, moves once per tenant at the unit's end instead of after every append ({@link LedgerItems}).
 *
 * <p>Each feature port is a part of its own on the table: {@link KeyRecordItems} (with the usage rollups), {@link KeyStoreItems},
 * {@link EventItems}, {@link LedgerItems}, {@link AlertItems}, {@link SweepReportItems} and
 * {@link RetentionItems}, each listing a tenant ({@link TenantItems}) before its first write. This class
 * composes them; {@link TenantItems} also answers {@link #tenants()}.
 *
 * <p>The store does not own the client: close the client yourself.
 */
public final class DynamoDbInventoryStore extends ComposedStore {

    private final String table;

    private DynamoDbInventoryStore(Builder b) {
        super(parts(b));
        this.table = b.table;
    }

    private static StoreParts parts(Builder b) {
        DynamoDbCalls calls = new DynamoDbCalls(b.client, b.table, b.sleeper, b.batchBackoff, b.random,
                b.maxBatchAttempts);
        TenantItems tenantItems = new TenantItems(calls);
        KeyRecordItems keyRecords = new KeyRecordItems(calls, tenantItems, b.clock);
        EventItems events = new EventItems(calls, tenantItems, b.clock);
        LedgerItems ledger = new LedgerItems(calls, tenantItems, b.clock, b.ledgerTtlGrace);
        RetentionItems retention = new RetentionItems(calls, tenantItems, events, ledger, keyRecords);
        return new StoreParts(keyRecords, new KeyStoreItems(calls, tenantItems), keyRecords, events, ledger,
                new CheckpointItems(calls, tenantItems), new AlertItems(calls, tenantItems),
                new SweepReportItems(calls, tenantItems), retention, new ArchiveItems(calls, tenantItems, ledger, events),
                new Lifecycle(StoreLifecycle.withoutUnitOfWork(tenantItems::tenants), ledger));
    }

    /** Each call keeps its own semantics in a unit of work; only the ledger head's moves wait for its end. */
    private record Lifecycle(StoreLifecycle calls, LedgerItems ledger) implements StoreLifecycle {

        @Override
        public <T> T inUnitOfWork(Supplier<T> work) {
            return ledger.inUnitOfWork(work);
        }

        @Override
        public Set<String> tenants() {
            return calls.tenants();
        }

        @Override
        public void close() {
            calls.close();
        }
    }

    /** A store on {@code tableName} (which must exist) whose reads see time through {@code clock}. */
    public static DynamoDbInventoryStore create(DynamoDbClient client, String tableName, Clock clock) {
        return builder(client, tableName).clock(clock).build();
    }

    public static Builder builder(DynamoDbClient client, String tableName) {
        return new Builder(client, tableName);
    }

    /** The table this store reads and writes. */
    public String table() {
        return table;
    }

    /** Options of a store; only the client, the table and the clock are needed. */
    public static final class Builder {
        private final DynamoDbClient client;
        private final String table;
        private Clock clock;
        private Sleeper sleeper = Sleeper.threads();
        private Backoff batchBackoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));
        private RandomGenerator random = new Random();
        private int maxBatchAttempts = 10;
        private Duration ledgerTtlGrace = Duration.ofDays(30);

        private Builder(DynamoDbClient client, String table) {
            this.client = Objects.requireNonNull(client, "client");
            this.table = Objects.requireNonNull(table, "tableName");
        }

        /** The clock that decides what has expired. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How batch calls wait before sending again what DynamoDB left unprocessed (default: thread sleep). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Backoff with full jitter between batch attempts (default: 50 ms doubling up to 5 s). */
        public Builder batchBackoff(Backoff backoff, RandomGenerator random) {
            this.batchBackoff = Objects.requireNonNull(backoff, "backoff");
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How many times a batch call is sent before unprocessed items fail the operation (default 10). */
        public Builder maxBatchAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("max batch attempts must be at least 1, was " + attempts);
            }
            this.maxBatchAttempts = attempts;
            return this;
        }

        /**
         * How long after a ledger record's expiry DynamoDB's time to live may delete it (default 30 days).
         * The scheduled purge removes expired records first and attests them in the ledger; a record
         * that time to live deleted unattested would show as a break in {@code verify}.
         */
        public Builder ledgerTtlGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("ledger TTL grace must not be negative: " + grace);
            }
            this.ledgerTtlGrace = grace;
            return this;
        }

        public DynamoDbInventoryStore build() {
            if (clock == null) {
                throw new IllegalStateException("a DynamoDB store needs a clock");
            }
            return new DynamoDbInventoryStore(this);
        }
    }
}
