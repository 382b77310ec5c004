package io.keyledger.functions.auth;

import io.keyledger.functions.http.HttpRequest;
import java.util.Locale;
import java.util.Optional;

/** The bearer token of an {@code Authorization} header (RFC 6750), never echoed in any message. */
final class BearerToken {

    /** Far above any real ID or access token; refuses oversized input before parsing it. */
    static final int MAX_LENGTH = 16 * 1024;

    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /** The token, or a rejection saying what is missing or wrong with the header. */
    static String require(HttpRequest request) {
        String header = request.header("Authorization").map(String::strip).orElse("");
        if (header.isEmpty()) {
            throw new AuthenticationException("missing bearer token");
        }
        if (!header.toLowerCase(Locale.ROOT).startsWith(SCHEME) && !header.equalsIgnoreCase(SCHEME.strip())) {
            throw new AuthenticationException("the Authorization header must use the Bearer scheme");
        }
        String token = header.substring(Math.min(header.length(), SCHEME.length())).strip();
        if (token.isEmpty()) {
            throw new AuthenticationException("missing bearer token");
        }
        if (token.length() > MAX_LENGTH) {
            throw new AuthenticationException("bearer token is too long");
        }
        return token;
    }

    /** The token when the request carries a well-formed bearer header. */
    static Optional<String> find(HttpRequest request) {
        try {
            return Optional.of(require(request));
        } catch (AuthenticationException notThere) {
            return Optional.empty();
        }
    }
}
