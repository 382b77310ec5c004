package io.keyledger.core.signing;

/**
 * A signing key cannot be made, read or used: the message names the key (file or id) and the reason,
 * never the key material.
 */
public class SigningException extends RuntimeException {

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
