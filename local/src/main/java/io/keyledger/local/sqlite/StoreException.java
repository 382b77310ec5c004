package io.keyledger.local.sqlite;

import java.nio.file.Path;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** An operation on the SQLite database failed; the message names the operation and the file. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    static StoreException failed(String operation, Path file, Throwable cause) {
        if (busy(cause)) {
            return new StoreException("SQLite database " + file + ": cannot " + operation + ": another process held it "
                    + "for more than " + Database.BUSY_TIMEOUT_MILLIS / 1000 + " s (database is locked); what was "
                    + "applied stays applied, and the command can be run again", cause);
        }
        return new StoreException("SQLite database " + file + ": cannot " + operation + ": " + cause.getMessage(), cause);
    }

    /** SQLITE_BUSY, or one of its extended codes (the primary code is the low byte). */
    private static boolean busy(Throwable cause) {
        return cause instanceof SQLiteException e && (e.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code;
    }
}
