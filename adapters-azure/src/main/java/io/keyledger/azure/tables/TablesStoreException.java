package io.keyledger.azure.tables;

/**
 * An Azure Tables call failed for good: the error was not one to retry (authorisation, a missing table,
 * a bad request), or the SDK's retries ran out. The message names the Tables operation, what the store
 * was doing, the table, the service's error code and the HTTP status.
 */
public class TablesStoreException extends RuntimeException {

    public TablesStoreException(String message) {
        super(message);
    }

    public TablesStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
