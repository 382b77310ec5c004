package io.keyledger.azure.tables;

import com.azure.data.tables.TableServiceClient;
import io.keyledger.core.store.ComposedStore;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoreLifecycle;
import io.keyledger.core.store.StoreParts;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An {@link InventoryStore} on Azure Tables: Azure Storage tables or Azure Cosmos DB for Table, through the
 * same {@link TableServiceClient} ({@code azure-data-tables}). Two tables ({@link InventoryTables}); the
 * entities are described in docs/azure/TABLES.md. Thread-safe, and safe for any number of stores on the same
 * tables (one per function instance): every change another writer could race is a write conditional on an
 * ETag or a create that fails if the entity exists, and what must change together lies in one partition
 * and is written in one entity group transaction.
 *
 * <ul>
 *   <li>Key records are replaced conditionally on the ETag of the revision expected; a loser gets a
 *       {@link io.keyledger.core.store.StaleRevisionException}.</li>
 *   <li>An event's marker is created last, and only if absent: the insert is idempotent by provider and id.</li>
 *   <li>A ledger append creates the record and moves the head in one transaction, conditional on the
 *       head's ETag; a loser gets a {@link io.keyledger.core.ledger.LedgerConflictException}.</li>
 *   <li>An alert and its listing entity are created, and acknowledged, in one transaction.</li>
 *   <li>Expired records are invisible to reads: each carries its exact expiry, compared with this store's
 *       clock. What removes them is the scheduled purge, and in {@link TablesRetention#COSMOS_TTL} also
 *       Cosmos DB's time to live ({@code ttl}); nothing under legal hold carries either.</li>
 * </ul>
 *
 * <p>Each feature port is a part of its own: {@link KeyRecordEntities} (with the usage rollups), {@link KeyStoreEntities},
 * {@link EventEntities}, {@link LedgerEntities}, {@link CheckpointEntities}, {@link AlertEntities},
 * {@link SweepReportEntities}, {@link RetentionEntities} and {@link ArchiveEntities}, each registering a tenant ({@link TenantEntities}) before its first write. This
 * class composes them ({@link ComposedStore}); {@link TenantEntities} also answers {@link #tenants()}. There is
 * no unit of work: {@link #inUnitOfWork} runs the calls one by one, each with its own semantics.
 *
 * <p>The store does not own the client.
 */
public final class TablesInventoryStore extends ComposedStore {

    private final InventoryTables tables;
    private final TablesRetention retention;

    private TablesInventoryStore(Builder b) {
        super(parts(b));
        this.tables = b.tables;
        this.retention = b.retention;
    }

    private static StoreParts parts(Builder b) {
        TableCalls inventory = new TableCalls(b.service.getTableClient(b.tables.inventory()));
        TenantEntities tenants = new TenantEntities(new TableCalls(b.service.getTableClient(b.tables.tenants())));
        KeyRecordEntities keyRecords = new KeyRecordEntities(inventory, tenants, b.clock, b.retention);
        EventEntities events = new EventEntities(inventory, tenants, b.clock, b.retention);
        LedgerEntities ledger = new LedgerEntities(inventory, tenants, b.clock, b.retention, b.ledgerTtlGrace);
        RetentionEntities retention = new RetentionEntities(inventory, tenants, events, ledger, keyRecords);
        return new StoreParts(keyRecords, new KeyStoreEntities(inventory, tenants), keyRecords, events, ledger,
                new CheckpointEntities(inventory, tenants), new AlertEntities(inventory, tenants),
                new SweepReportEntities(inventory, tenants), retention,
                new ArchiveEntities(inventory, tenants, ledger, events), StoreLifecycle.withoutUnitOfWork(tenants::tenants));
    }

    /** A store on the tables named after {@code baseName} (which must exist), reading time through {@code clock}. */
    public static TablesInventoryStore create(TableServiceClient service, String baseName, Clock clock) {
        return builder(service, InventoryTables.named(baseName)).clock(clock).build();
    }

    public static Builder builder(TableServiceClient service, InventoryTables tables) {
        return new Builder(service, tables);
    }

    public InventoryTables tables() {
        return tables;
    }

    public TablesRetention retention() {
        return retention;
    }

    /** Options of a store; only the client, the tables and the clock are needed. */
    public static final class Builder {
        private final TableServiceClient service;
        private final InventoryTables tables;
        private Clock clock;
        private TablesRetention retention = TablesRetention.STORAGE_PURGE;
        private Duration ledgerTtlGrace = Duration.ofDays(30);

        private Builder(TableServiceClient service, InventoryTables tables) {
            this.service = Objects.requireNonNull(service, "service");
            this.tables = Objects.requireNonNull(tables, "tables");
        }

        /** The clock that decides what has expired. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How expired records leave the tables (default: {@link TablesRetention#STORAGE_PURGE}). */
        public Builder retention(TablesRetention retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /**
         * In {@link TablesRetention#COSMOS_TTL}, how long after a ledger record's expiry Cosmos DB may delete
         * it (default 30 days): the scheduled purge removes expired records first and attests them in the
         * ledger; a record deleted by time to live unattested would show as a break in {@code verify}.
         */
        public Builder ledgerTtlGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("ledger TTL grace must not be negative: " + grace);
            }
            this.ledgerTtlGrace = grace;
            return this;
        }

        public TablesInventoryStore build() {
            if (clock == null) {
                throw new IllegalStateException("a Tables store needs a clock");
            }
            return new TablesInventoryStore(this);
        }
    }
}
