package io.keyledger.functions.auth;

import io.keyledger.core.access.Principal;
import io.keyledger.functions.http.HttpRequest;
import java.util.List;

/**
 * Several ways to authenticate, tried in the configured order: the first authenticator that
 * recognises the request's credential decides alone (its rejection is final, no fallback to the
 * next). When none recognises it, the error says what is missing or wrong with the credential.
 */
public final class AuthenticatorChain implements Authenticator {

    private final List<CredentialAuthenticator> authenticators;

    public AuthenticatorChain(List<? extends CredentialAuthenticator> authenticators) {
        if (authenticators == null || authenticators.isEmpty()) {
            throw new IllegalArgumentException("an authenticator chain needs at least one authenticator");
        }
        this.authenticators = List.copyOf(authenticators);
    }

    public static AuthenticatorChain of(CredentialAuthenticator... authenticators) {
        return new AuthenticatorChain(List.of(authenticators));
    }

    @Override
    public Principal authenticate(HttpRequest request) {
        for (CredentialAuthenticator authenticator : authenticators) {
            if (authenticator.recognises(request)) {
                return authenticator.authenticate(request);
            }
        }
        String token = BearerToken.require(request);
        throw new AuthenticationException(UnverifiedIssuer.of(token).isPresent()
                ? "bearer token issuer is not accepted"
                : "bearer token is malformed");
    }
}
