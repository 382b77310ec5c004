package io.keyledger.aws.sweep;

/**
 * An AWS call of the sweep's scope listing (Organizations ListAccounts, Account ListRegions) that failed:
 * the service's error code and message, or why no answer came.
 */
public final class AwsCallException extends RuntimeException {

    private final String operation;
    private final int status;
    private final String code;
    private final boolean retryable;

    AwsCallException(String operation, int status, String code, String message, boolean retryable) {
        super(operation + " failed" + (status == 0 ? "" : " (HTTP " + status + (code.isEmpty() ? "" : ", " + code) + ")")
                + (message == null || message.isBlank() ? "" : ": " + message));
        this.operation = operation;
        this.status = status;
        this.code = code;
        this.retryable = retryable;
    }

    public String operation() {
        return operation;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The service's error code ("AccessDeniedException"), or "" when it gave none. */
    public String code() {
        return code;
    }

    boolean retryable() {
        return retryable;
    }
}
