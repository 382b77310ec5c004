package io.keyledger.gcp.firestore;

/**
 * A Firestore call failed for good: the error was not one the client retries (permission denied, an invalid
 * argument, a missing database, ...), or its retries ran out. The message names the Firestore method, what the
 * store was doing, the tenant's collection and Firestore's status code.
 */
public class FirestoreStoreException extends RuntimeException {

    public FirestoreStoreException(String message) {
        super(message);
    }

    public FirestoreStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
