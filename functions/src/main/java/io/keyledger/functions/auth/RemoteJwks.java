package io.keyledger.functions.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An issuer's published keys, fetched on first use (never at construction, so that a function's
 * initialisation does no network I/O), kept for the cache lifetime by the injected clock, refetched
 * early when a token names a key not yet known (at most once per minimum interval), and used a while
 * longer when the issuer is unreachable.
 */
final class RemoteJwks implements JWKSource<SecurityContext> {

    private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final String issuer;
    private final Optional<URI> configuredJwksUri;
    private final KeyFetch fetch;
    private final Clock clock;
    private final ResourceRetriever retriever;

    private Optional<URI> discoveredJwksUri = Optional.empty();
    private JWKSet keys;
    private Instant fetchedAt;
    private Instant lastAttempt;
    private String lastFailure;

    RemoteJwks(String issuer, Optional<URI> jwksUri, KeyFetch fetch, Clock clock) {
        this.issuer = issuer;
        this.configuredJwksUri = jwksUri;
        this.fetch = fetch;
        this.clock = clock;
        this.retriever = new DefaultResourceRetriever((int) fetch.connectTimeout().toMillis(),
                (int) fetch.readTimeout().toMillis(), fetch.maxBytes());
    }

    @Override
    public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        List<JWK> found = selector.select(current(now));
        if (found.isEmpty() && refreshDue(now)) {
            tryRefresh(now);
            found = selector.select(current(now));
        }
        return found;
    }

    private JWKSet current(Instant now) throws SigningKeysUnavailable {
        if (keys != null && now.isBefore(fetchedAt.plus(fetch.cacheLifetime()))) {
            return keys;
        }
        if (refreshDue(now)) {
            tryRefresh(now);
        }
        if (keys != null && now.isBefore(fetchedAt.plus(fetch.cacheLifetime()).plus(fetch.outageTolerance()))) {
            return keys;
        }
        throw new SigningKeysUnavailable("the signing keys of issuer " + issuer + " could not be fetched: "
                + (lastFailure == null ? "they are out of date" : lastFailure));
    }

    private boolean refreshDue(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(fetch.minRefreshInterval()));
    }

    private void tryRefresh(Instant now) {
        lastAttempt = now;
        try {
            URI jwksUri = jwksUri();
            JWKSet fetched;
            try {
                fetched = JWKSet.parse(retrieve(jwksUri));
            } catch (ParseException e) {
                throw new FetchFailure(jwksUri + " is not a JWK set");
            } catch (FetchFailure e) {
                discoveredJwksUri = Optional.empty();
                throw e;
            }
            keys = fetched.toPublicJWKSet();
            fetchedAt = now;
            lastFailure = null;
        } catch (FetchFailure e) {
            lastFailure = e.getMessage();
        }
    }

    private URI jwksUri() {
        if (configuredJwksUri.isPresent()) {
            return configuredJwksUri.get();
        }
        if (discoveredJwksUri.isEmpty()) {
            discoveredJwksUri = Optional.of(discover());
        }
        return discoveredJwksUri.get();
    }

    /** OpenID Connect Discovery 1.0, section 4: the document must name the same issuer. */
    private URI discover() {
        URI document = URI.create(stripTrailingSlash(issuer) + DISCOVERY_PATH);
        JsonNode config;
        try {
            config = MAPPER.readTree(retrieve(document));
        } catch (JacksonException e) {
            throw new FetchFailure(document + " is not JSON");
        }
        if (config == null || !issuer.equals(config.path("issuer").asString(""))) {
            throw new FetchFailure(document + " does not name issuer " + issuer);
        }
        String jwksUri = config.path("jwks_uri").asString("");
        try {
            return SigningKeys.requireFetchable(URI.create(jwksUri), "jwks_uri");
        } catch (IllegalArgumentException e) {
            throw new FetchFailure(document + ": " + e.getMessage());
        }
    }

    private String retrieve(URI uri) {
        URL url;
        try {
            url = uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new FetchFailure(uri + " is not a URL");
        }
        try {
            return retriever.retrieveResource(url).getContent();
        } catch (IOException e) {
            throw new FetchFailure(uri + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        message = message.length() > 200 ? message.substring(0, 200) + "..." : message;
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + message + ")");
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Internal: one fetch failed; its message is kept as the reason the keys are unavailable. */
    private static final class FetchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FetchFailure(String message) {
            super(message, null, false, false);
        }
    }
}
