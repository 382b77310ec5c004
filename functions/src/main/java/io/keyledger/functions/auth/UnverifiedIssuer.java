package io.keyledger.functions.auth;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Optional;

/**
 * The {@code iss} claim of a token before any check: only to pick which configured issuer verifies
 * it, never to trust it.
 */
final class UnverifiedIssuer {

    private UnverifiedIssuer() {
    }

    static Optional<String> of(String token) {
        try {
            return Optional.ofNullable(JWTParser.parse(token).getJWTClaimsSet().getIssuer());
        } catch (ParseException | RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
