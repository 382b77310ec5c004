package io.keyledger.functions.auth;

import com.nimbusds.jose.KeySourceException;

/** No key of the issuer matches the token's header (key id, key type, curve). */
final class UnknownSigningKey extends KeySourceException {

    private static final long serialVersionUID = 1L;

    UnknownSigningKey() {
        super("no signing key of the issuer matches the token");
    }
}
