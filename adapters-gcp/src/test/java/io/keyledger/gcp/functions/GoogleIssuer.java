package io.keyledger.gcp.functions;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.keyledger.functions.auth.OidcSettings;
import io.keyledger.functions.auth.SigningKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's ID token issuer as the admin API meets it: a JWK set published over HTTP (here on 127.0.0.1, in
 * place of {@link OidcSettings#GOOGLE_JWKS}) and RS256 ID tokens of Google's issuer for a function's URL, with
 * the verified e-mail Cloud Run callers carry.
 */
final class GoogleIssuer implements AutoCloseable {

    /** One key for every test: generating RSA keys is slow. */
    private static final RSAKey KEY = generate("google-test-1");
    private static final RSAKey OTHER_KEY = generate("google-test-1");

    private final RSAKey key = KEY;
    private final HttpServer server;
    final AtomicInteger jwksRequests = new AtomicInteger();

    GoogleIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth2/v3/certs", exchange -> {
            jwksRequests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    /** The published keys, where the admin API fetches them. */
    SigningKeys signingKeys() {
        return SigningKeys.publishedAt(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/v3/certs"));
    }

    /** An ID token of {@code email} for {@code audience}, issued at {@code now}, valid for an hour. */
    String idToken(String email, String audience, Instant now) {
        return sign(key, claims(email, audience, now).build());
    }

    JWTClaimsSet.Builder claims(String email, String audience, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(OidcSettings.GOOGLE_ISSUER)
                .subject("1048576" + Math.abs(email.hashCode()))
                .audience(audience)
                .claim("email", email)
                .claim("email_verified", true)
                .claim("azp", "1048576" + Math.abs(email.hashCode()))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    String sign(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    /** Signed with a key Google does not publish, under the key id of one it does. */
    String signWithAnotherKey(JWTClaimsSet claims) {
        return sign(OTHER_KEY, claims);
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
