package io.keyledger.core.alert;

/** A policy file that cannot be used; the message names the file and the field ("policy.yaml: rules.burst.window: ..."). */
public final class PolicyFormatException extends RuntimeException {

    public PolicyFormatException(String message) {
        super(message);
    }

    public PolicyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
