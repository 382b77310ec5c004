package io.keyledger.local.sqlite;

import java.nio.file.Path;

/** An operation on the SQLite database failed; the message names the operation and the file. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    static StoreException failed(String operation, Path file, Throwable cause) {
        return new StoreException("SQLite database " + file + ": cannot " + operation + ": " + cause.getMessage(), cause);
    }
}
