package io.keyledger.functions.auth;

/**
 * A principal mapping that cannot be used; the message names the source, the entry and the field
 * ("principals.json: principals[2] (email ann@example.com).tenants.acme[0]: unknown role 'owner' ...").
 */
public final class MappingFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MappingFormatException(String message) {
        super(message);
    }

    public MappingFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
