package io.keyledger.functions.auth;

import io.keyledger.functions.http.HttpRequest;

/**
 * An authenticator that can tell whether a request carries the kind of credential it checks, so that
 * an {@link AuthenticatorChain} can hand each request to the one meant for it.
 */
public interface CredentialAuthenticator extends Authenticator {

    /**
     * Whether the request carries a credential of this authenticator's kind (a bearer token of its
     * issuer, a platform header it trusts). Says nothing about whether the credential is valid, and
     * never does network I/O.
     */
    boolean recognises(HttpRequest request);
}
