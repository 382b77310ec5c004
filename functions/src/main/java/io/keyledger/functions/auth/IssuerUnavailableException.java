package io.keyledger.functions.auth;

/**
 * The token could not be checked because its issuer's signing keys could not be fetched: the fault
 * is not the caller's (an API may answer 503 rather than 401). The message names the issuer and the
 * reason, never the token.
 */
public final class IssuerUnavailableException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    public IssuerUnavailableException(String message) {
        super(message);
    }
}
