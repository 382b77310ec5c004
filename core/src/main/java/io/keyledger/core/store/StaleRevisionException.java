package io.keyledger.core.store;

/** A conditional write lost against a concurrent writer: re-read and try again. */
public class StaleRevisionException extends RuntimeException {

    public StaleRevisionException(String message) {
        super(message);
    }
}
