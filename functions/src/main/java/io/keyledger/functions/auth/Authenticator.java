package io.keyledger.functions.auth;

import io.keyledger.core.access.Principal;
import io.keyledger.functions.http.HttpRequest;

/** Finds who is calling: a bearer token, a platform-authenticated identity, ... */
@FunctionalInterface
public interface Authenticator {

    /**
     * The authenticated caller and its roles per tenant.
     *
     * @throws AuthenticationException when the request carries no credentials this authenticator
     *                                 accepts (the API answers 401 with the exception's message)
     */
    Principal authenticate(HttpRequest request);
}
