package io.keyledger.azure.functions;

/**
 * The inventory store failed while a batch was applied: the invocation fails, so that the trigger does
 * not acknowledge the batch (an Event Hub checkpoint does not move; Event Grid delivers again).
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
