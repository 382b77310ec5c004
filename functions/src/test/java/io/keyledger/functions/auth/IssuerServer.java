package io.keyledger.functions.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An OpenID Connect issuer on 127.0.0.1: its discovery document and its public JWK set, with
 * request counters and switches for failures.
 */
final class IssuerServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicReference<String> discoveredIssuer = new AtomicReference<>();
    private final AtomicInteger jwksStatus = new AtomicInteger(200);
    final AtomicInteger discoveryRequests = new AtomicInteger();
    final AtomicInteger jwksRequests = new AtomicInteger();

    IssuerServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> {
            discoveryRequests.incrementAndGet();
            String issuer = discoveredIssuer.get() == null ? issuer() : discoveredIssuer.get();
            respond(exchange, 200, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer() + "/jwks\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}");
        });
        server.createContext("/jwks", exchange -> {
            jwksRequests.incrementAndGet();
            respond(exchange, jwksStatus.get(), jwksStatus.get() == 200 ? jwks.get() : "unavailable");
        });
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Publishes the public halves of these keys. */
    void publish(JWK... keys) {
        jwks.set(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    void failJwksWith(int status) {
        jwksStatus.set(status);
    }

    /** The discovery document names another issuer (a mix-up the client must refuse). */
    void claimIssuer(String issuer) {
        discoveredIssuer.set(issuer);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
