package io.keyledger.local.sqlite;

import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.ComposedStore;
import io.keyledger.core.store.KeyWithUsage;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.PartnerKeyStore;
import io.keyledger.core.store.StoreParts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * An {@link InventoryStore} in one SQLite file (one per installation), for the local CLI and server.
 * Thread-safe: calls share one connection, one at a time. Several stores or processes may open the
 * same file; conditional writes stay correct across them because each runs in a transaction that
 * holds SQLite's write lock (see {@link Database}).
 *
 * <p>Each feature port is a part of its own on the shared {@link Database} ({@link SqliteKeyRecords},
 * {@link SqliteEvents}, {@link SqliteLedger}, ...), and {@link SqliteLifecycle} keeps what spans them:
 * units of work, the tenants, closing. This class opens the file and composes them.
 */
public final class SqliteInventoryStore extends ComposedStore {

    private final Database db;
    private final SqliteKeyRecords keys;
    private final SqlitePartnerKeys partnerKeys;

    private SqliteInventoryStore(Database db, Clock clock) {
        this(db, new SqliteKeyRecords(db, clock), clock);
    }

    private SqliteInventoryStore(Database db, SqliteKeyRecords keys, Clock clock) {
        super(new StoreParts(keys, new SqliteKeyStores(db), new SqliteUsage(db),
                new SqliteEvents(db, clock), new SqliteLedger(db, clock), new SqliteCheckpoints(db), new SqliteAlerts(db),
                new SqliteSweepReports(db), new SqliteRetention(db), new SqliteArchive(db), new SqliteLifecycle(db)));
        this.db = db;
        this.keys = keys;
        this.partnerKeys = new SqlitePartnerKeys(db);
    }

    /** Key records and their rollups in one statement. */
    @Override
    public Page<KeyWithUsage> assetsWithUsage(String tenant, AssetQuery query, PageRequest page) {
        return keys.assetsWithUsage(tenant, query, page);
    }

    /**
     * The keys partners hold, recorded from their signed feeds: in the same file, never among the key records;
     * inside {@link #inUnitOfWork} its writes join the unit.
     */
    public PartnerKeyStore partnerKeys() {
        return partnerKeys;
    }

    /** Opens (creating if need be, with its directories) the database file and brings its schema up to date. */
    public static SqliteInventoryStore open(Path dbFile, Clock clock) {
        Objects.requireNonNull(dbFile, "dbFile");
        Objects.requireNonNull(clock, "clock");
        Database db = Database.open(dbFile);
        try {
            Migrations.apply(db, clock);
        } catch (RuntimeException e) {
            try {
                db.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new SqliteInventoryStore(db, clock);
    }

    /** The database file, as an absolute path. */
    public Path file() {
        return db.file();
    }
}
