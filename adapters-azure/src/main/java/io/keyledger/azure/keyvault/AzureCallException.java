package io.keyledger.azure.keyvault;

import java.util.Optional;

/**
 * An Azure call failed for good: the service refused it (the status and the service's error code are kept),
 * or it could not be sent. The message names the operation and what the sweep was doing.
 */
public class AzureCallException extends RuntimeException {

    private final int status;
    private final String code;

    public AzureCallException(String message, int status, String code, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code == null ? "" : code;
    }

    /** The HTTP status the service answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The service's error code ({@code Forbidden}, {@code AuthorizationFailed}, ...), if it gave one. */
    public Optional<String> code() {
        return code.isEmpty() ? Optional.empty() : Optional.of(code);
    }

    /** Whether the caller was refused (HTTP 401 or 403): an access the sweep's identity lacks. */
    public boolean denied() {
        return status == 401 || status == 403;
    }
}
