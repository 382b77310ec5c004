package io.keyledger.local.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite connection shared by every thread of the process, one call at a time (a lock), with its
 * prepared statements kept for reuse. Other processes (or other stores on the same file) are kept in
 * step by SQLite's own locking: writes take the write lock up front and wait for it up to the busy
 * timeout.
 */
final class Database implements AutoCloseable {

    /** Work done while holding the connection; the statements it prepares are cached and must not be closed. */
    @FunctionalInterface
    interface Work<T> {
        T run(Database db) throws SQLException;
    }

    /**
     * How long a write waits for another process's transaction. A unit of work applies a batch of events (500 for
     * the CLI), which takes seconds on a loaded machine: with 5 s, two of three concurrent ingests failed with
     * "database is locked" (bench: CrashHarness).
     */
    static final int BUSY_TIMEOUT_MILLIS = 120_000;
    static final int WAL_PAGES_BEFORE_CHECKPOINT = 10_000;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private boolean closed;
    /** 1 while a unit of work's transaction is open (guarded by the lock). */
    private int unitDepth;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static Database open(Path dbFile) {
        Path file = dbFile.toAbsolutePath().normalize();
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw StoreException.failed("create its directory", file, e);
        }
        Connection connection;
        try {
            // No generated keys: KeyLedger never asks for them, and the driver would otherwise prepare and run a
            // "SELECT last_insert_rowid()" after every INSERT (events, ledger records, alerts) to have them ready.
            SQLiteConfig config = new SQLiteConfig();
            config.setGetGeneratedKeys(false);
            connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        } catch (SQLException e) {
            throw StoreException.failed("open it", file, e);
        }
        try {
            configure(connection, file);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw StoreException.failed("open it", file, e);
        } catch (RuntimeException e) {
            closeQuietly(connection, e);
            throw e;
        }
        return new Database(file, connection);
    }

    private static void configure(Connection connection, Path file) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // The busy timeout first: switching to WAL needs a lock another process may hold.
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException("SQLite database " + file + " cannot use write-ahead logging (journal mode is '"
                            + mode + "')");
                }
            }
            s.execute("PRAGMA foreign_keys = ON");
            // FULL: a commit is on disk (the write-ahead log synced) when it returns. An ingest anchors the ledger's
            // checkpoints in a file synced after the batch that moved the heads commits; with NORMAL, which syncs only
            // when the log is copied into the database, a power loss could keep the anchor and lose the batch, and the
            // ledger would then read as truncated.
            s.execute("PRAGMA synchronous = FULL");
            // Copy the log into the database every 10,000 pages (about 40 MiB) rather than SQLite's 1,000: a batch of an
            // ingest writes more than 1,000, so each batch was copied and synced on its own, and the pages that every
            // batch rewrites (indexes, heads) were copied again each time. The log is gone once the database is closed.
            s.execute("PRAGMA wal_autocheckpoint = " + WAL_PAGES_BEFORE_CHECKPOINT);
            // 16 MiB of pages instead of the default 2: an ingest batch touches more pages of records, events and
            // indexes than 2 MiB hold, and each page evicted is read again (300,000 CloudTrail records: a third of
            // the reads, three quarters of the writes).
            s.execute("PRAGMA cache_size = -16384");
        }
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    Path file() {
        return file;
    }

    /** Runs work that is one statement, or only reads, without an explicit transaction. */
    <T> T call(String operation, Work<T> work) {
        lock.lock();
        try {
            ensureOpen(operation);
            return work.run(this);
        } catch (SQLException e) {
            throw StoreException.failed(operation, file, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a caller's unit of work (several store calls) as one transaction holding the write lock,
     * so that a batch costs one commit instead of one per call. Store calls inside it keep their own
     * all-or-nothing semantics through savepoints; any exception rolls the whole unit back.
     */
    <T> T inUnitOfWork(String operation, Supplier<T> work) {
        lock.lock();
        try {
            if (unitDepth > 0) {
                return work.get();
            }
            ensureOpen(operation);
            prepare("BEGIN IMMEDIATE").execute();
            unitDepth = 1;
            try {
                T result = work.get();
                prepare("COMMIT").execute();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(e);
                throw e;
            } finally {
                unitDepth = 0;
            }
        } catch (SQLException e) {
            throw StoreException.failed(operation, file, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs work in one transaction that holds the database's write lock from its start, so that its
     * reads and conditional writes see no concurrent change. Any exception rolls it back. Inside a
     * unit of work it is a savepoint, rolled back alone if it fails.
     */
    <T> T inTransaction(String operation, Work<T> work) {
        lock.lock();
        try {
            ensureOpen(operation);
            if (unitDepth > 0) {
                return inSavepoint(work);
            }
            prepare("BEGIN IMMEDIATE").execute();
            try {
                T result = work.run(this);
                prepare("COMMIT").execute();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(e);
                throw e;
            }
        } catch (SQLException e) {
            throw StoreException.failed(operation, file, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs work whose statements must happen together, and whose expected failures (a failed condition) come before
     * it writes anything. In a unit of work it runs as it is: the unit's transaction already holds the write lock,
     * and an unexpected failure rolls the whole unit back; a savepoint would only double its statements. Otherwise
     * it is a transaction of its own, as {@link #inTransaction}.
     */
    <T> T atomically(String operation, Work<T> work) {
        lock.lock();
        try {
            if (unitDepth > 0) {
                ensureOpen(operation);
                try {
                    return work.run(this);
                } catch (SQLException e) {
                    throw StoreException.failed(operation, file, e);
                }
            }
            return inTransaction(operation, work);
        } finally {
            lock.unlock();
        }
    }

    private <T> T inSavepoint(Work<T> work) throws SQLException {
        prepare("SAVEPOINT store_call").execute();
        try {
            T result = work.run(this);
            prepare("RELEASE store_call").execute();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                prepare("ROLLBACK TO store_call").execute();
                prepare("RELEASE store_call").execute();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    /** Rolls back; if SQLite already rolled back by itself (some errors do), the failing ROLLBACK is kept as suppressed. */
    private void rollback(Exception failure) {
        try {
            prepare("ROLLBACK").execute();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** A prepared statement for {@code sql}, reused across calls; only to be used while holding the connection. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Runs a statement once, without caching it (schema changes). */
    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private void ensureOpen(String operation) {
        if (closed) {
            throw new StoreException("SQLite database " + file + ": cannot " + operation + ": the store is closed");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            SQLException failure = null;
            for (PreparedStatement s : statements.values()) {
                try {
                    s.close();
                } catch (SQLException e) {
                    failure = e;
                }
            }
            statements.clear();
            try {
                connection.close();
            } catch (SQLException e) {
                failure = e;
            }
            if (failure != null) {
                throw StoreException.failed("close it", file, failure);
            }
        } finally {
            lock.unlock();
        }
    }
}
