package io.keyledger.functions.auth;

import com.nimbusds.jose.KeySourceException;

/** An issuer's keys could not be fetched; the message is safe to show (issuer, address, reason). */
final class SigningKeysUnavailable extends KeySourceException {

    private static final long serialVersionUID = 1L;

    SigningKeysUnavailable(String message) {
        super(message);
    }
}
