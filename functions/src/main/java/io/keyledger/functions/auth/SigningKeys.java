package io.keyledger.functions.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Where an issuer's public signing keys come from. Remote keys are fetched on first use, never before. */
public sealed interface SigningKeys {

    /** The {@code jwks_uri} of the issuer's {@code <issuer>/.well-known/openid-configuration}. */
    record Discovered(KeyFetch fetch) implements SigningKeys {
        public Discovered {
            Objects.requireNonNull(fetch, "fetch");
        }
    }

    /** A JWK set published at a known address (https, or http on a loopback address). */
    record Published(URI jwksUri, KeyFetch fetch) implements SigningKeys {
        public Published {
            requireFetchable(jwksUri, "jwksUri");
            Objects.requireNonNull(fetch, "fetch");
        }
    }

    /** Keys held in memory, public parts only (private and symmetric keys are dropped). */
    record Fixed(JWKSet keys) implements SigningKeys {
        public Fixed {
            keys = Objects.requireNonNull(keys, "keys").toPublicJWKSet();
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("keys: no public key given");
            }
        }
    }

    static SigningKeys discovered() {
        return new Discovered(KeyFetch.DEFAULT);
    }

    static SigningKeys publishedAt(URI jwksUri) {
        return new Published(jwksUri, KeyFetch.DEFAULT);
    }

    static SigningKeys fixed(JWKSet keys) {
        return new Fixed(keys);
    }

    /** Keys are fetched over https only; plain http is for a server on this machine (tests, development). */
    static URI requireFetchable(URI uri, String field) {
        Objects.requireNonNull(uri, field);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = Set.of("127.0.0.1", "localhost", "[::1]", "::1").contains(String.valueOf(uri.getHost()));
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException(field + ": expected an https URL (http only on a loopback address), was "
                    + uri);
        }
        return uri;
    }
}
