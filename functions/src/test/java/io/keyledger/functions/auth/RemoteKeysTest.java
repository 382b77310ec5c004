package io.keyledger.functions.auth;

import static io.keyledger.functions.auth.Tokens.AUDIENCE;
import static io.keyledger.functions.auth.Tokens.NOW;
import static io.keyledger.functions.auth.Tokens.bearer;
import static io.keyledger.functions.auth.Tokens.claims;
import static io.keyledger.functions.auth.Tokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import io.keyledger.testkit.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching an issuer's keys: lazily, once per cache lifetime, early on an unknown key id, and failing clearly. */
class RemoteKeysTest {

    private static final KeyFetch FETCH = new KeyFetch(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024,
            Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofHours(1));

    private static final RSAKey KEY = Tokens.rsaKey("k1");
    private final MutableClock clock = new MutableClock(NOW);
    private IssuerServer issuer;

    @BeforeEach
    void startIssuer() throws Exception {
        issuer = new IssuerServer();
        issuer.publish(KEY);
    }

    @AfterEach
    void stopIssuer() {
        issuer.close();
    }

    private OidcAuthenticator discovering() {
        return new OidcAuthenticator(OidcSettings.of(issuer.issuer(), AUDIENCE, RoleSource.tenantRoleList("r"))
                .withSigningKeys(new SigningKeys.Discovered(FETCH)), clock);
    }

    private String token(RSAKey signer) {
        // valid for a day, so that the clock can move through cache lifetimes
        return sign(signer, JWSAlgorithm.RS256, claims(issuer.issuer(), "alice")
                .expirationTime(Date.from(NOW.plus(Duration.ofDays(1)))).build());
    }

    @Test
    void nothingIsFetchedAtConstruction() {
        discovering();
        new OidcAuthenticator(OidcSettings.of(issuer.issuer(), AUDIENCE, RoleSource.tenantRoleList("r"))
                .withSigningKeys(new SigningKeys.Published(URI.create(issuer.issuer() + "/jwks"), FETCH)), clock);

        assertThat(issuer.discoveryRequests.get()).isZero();
        assertThat(issuer.jwksRequests.get()).isZero();
    }

    @Test
    void keysAreFetchedOnFirstUseAndThenCached() {
        OidcAuthenticator authenticator = discovering();

        authenticator.authenticate(bearer(token(KEY)));
        authenticator.authenticate(bearer(token(KEY)));
        clock.advance(Duration.ofMinutes(9));
        authenticator.authenticate(bearer(token(KEY)));

        assertThat(issuer.discoveryRequests.get()).isEqualTo(1);
        assertThat(issuer.jwksRequests.get()).isEqualTo(1);
    }

    @Test
    void keysAreFetchedAgainAfterTheCacheLifetime() {
        OidcAuthenticator authenticator = discovering();
        authenticator.authenticate(bearer(token(KEY)));

        clock.advance(Duration.ofMinutes(10));
        authenticator.authenticate(bearer(token(KEY)));

        assertThat(issuer.jwksRequests.get()).isEqualTo(2);
        assertThat(issuer.discoveryRequests.get()).as("the jwks_uri is remembered").isEqualTo(1);
    }

    @Test
    void aConfiguredJwksUriNeedsNoDiscovery() {
        OidcAuthenticator authenticator = new OidcAuthenticator(
                OidcSettings.of(issuer.issuer(), AUDIENCE, RoleSource.tenantRoleList("r"))
                        .withSigningKeys(new SigningKeys.Published(URI.create(issuer.issuer() + "/jwks"), FETCH)), clock);

        authenticator.authenticate(bearer(token(KEY)));

        assertThat(issuer.discoveryRequests.get()).isZero();
        assertThat(issuer.jwksRequests.get()).isEqualTo(1);
    }

    @Test
    void anUnknownKeyIdRefetchesAtMostOncePerInterval() {
        OidcAuthenticator authenticator = discovering();
        RSAKey rotated = Tokens.rsaKey("k2");
        authenticator.authenticate(bearer(token(KEY)));
        issuer.publish(KEY, rotated);

        assertThatThrownBy(() -> authenticator.authenticate(bearer(token(rotated))))
                .hasMessage("bearer token is signed with a key the issuer does not publish");
        assertThat(issuer.jwksRequests.get()).as("fetched moments ago: no refetch yet").isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        assertThat(authenticator.authenticate(bearer(token(rotated))).id()).endsWith("#alice");
        assertThat(issuer.jwksRequests.get()).isEqualTo(2);

        RSAKey stranger = Tokens.rsaKey("k3");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> authenticator.authenticate(bearer(token(stranger))))
                    .isInstanceOf(AuthenticationException.class);
        }
        assertThat(issuer.jwksRequests.get()).as("random key ids do not hammer the issuer").isEqualTo(2);
    }

    @Test
    void anUnreachableIssuerIsAClearError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort;
        OidcAuthenticator authenticator = new OidcAuthenticator(
                OidcSettings.of(unreachable, AUDIENCE, RoleSource.tenantRoleList("r"))
                        .withSigningKeys(new SigningKeys.Discovered(FETCH)), clock);
        String token = sign(KEY, JWSAlgorithm.RS256, claims(unreachable, "alice").build());

        assertThatThrownBy(() -> authenticator.authenticate(bearer(token)))
                .isInstanceOf(IssuerUnavailableException.class)
                .hasMessageStartingWith("the signing keys of issuer " + unreachable + " could not be fetched: "
                        + unreachable + "/.well-known/openid-configuration: ConnectException")
                .satisfies(e -> Leaks.assertNoPartOf(token, e.getMessage()));
    }

    @Test
    void anIssuerThatDoesNotAnswerTimesOut() throws Exception {
        // accepts connections (the backlog) but never answers
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            String silentIssuer = "http://127.0.0.1:" + silent.getLocalPort();
            KeyFetch impatient = new KeyFetch(Duration.ofSeconds(2), Duration.ofMillis(200), 64 * 1024,
                    Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofHours(1));
            OidcAuthenticator authenticator = new OidcAuthenticator(
                    OidcSettings.of(silentIssuer, AUDIENCE, RoleSource.tenantRoleList("r"))
                            .withSigningKeys(new SigningKeys.Discovered(impatient)), clock);

            assertThatThrownBy(() -> authenticator.authenticate(
                    bearer(sign(KEY, JWSAlgorithm.RS256, claims(silentIssuer, "alice").build()))))
                    .isInstanceOf(IssuerUnavailableException.class)
                    .hasMessageContaining("SocketTimeoutException");
        }
    }

    @Test
    void aFailingIssuerIsNotAskedAgainBeforeTheInterval() {
        issuer.failJwksWith(500);
        OidcAuthenticator authenticator = discovering();

        assertThatThrownBy(() -> authenticator.authenticate(bearer(token(KEY))))
                .isInstanceOf(IssuerUnavailableException.class).hasMessageContaining("/jwks");
        assertThatThrownBy(() -> authenticator.authenticate(bearer(token(KEY))))
                .isInstanceOf(IssuerUnavailableException.class);
        assertThat(issuer.jwksRequests.get()).isEqualTo(1);

        issuer.failJwksWith(200);
        clock.advance(Duration.ofSeconds(30));
        assertThat(authenticator.authenticate(bearer(token(KEY))).id()).endsWith("#alice");
    }

    @Test
    void knownKeysServeThroughAnOutageForALimitedTime() {
        OidcAuthenticator authenticator = discovering();
        authenticator.authenticate(bearer(token(KEY)));
        issuer.failJwksWith(503);

        clock.advance(Duration.ofMinutes(30));
        assertThat(authenticator.authenticate(bearer(token(KEY))).id()).endsWith("#alice");
        assertThat(issuer.jwksRequests.get()).as("a refresh was tried").isGreaterThan(1);

        clock.advance(Duration.ofMinutes(41));
        assertThatThrownBy(() -> authenticator.authenticate(bearer(token(KEY))))
                .isInstanceOf(IssuerUnavailableException.class);
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuerIsRefused() {
        issuer.claimIssuer("https://impostor.example.com");

        assertThatThrownBy(() -> discovering().authenticate(bearer(token(KEY))))
                .isInstanceOf(IssuerUnavailableException.class)
                .hasMessageContaining("does not name issuer " + issuer.issuer());
        assertThat(issuer.jwksRequests.get()).isZero();
    }

    @Test
    void keysAreFetchedOverHttpsOrFromThisMachineOnly() {
        assertThatThrownBy(() -> SigningKeys.publishedAt(URI.create("http://idp.example.com/jwks")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jwksUri: expected an https URL");
        assertThatThrownBy(() -> SigningKeys.publishedAt(URI.create("file:///etc/keys.json")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcSettings.of("http://idp.example.com", AUDIENCE, RoleSource.tenantRoleList("r")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer (discovery)");
        assertThat(SigningKeys.publishedAt(URI.create("https://idp.example.com/jwks"))).isNotNull();
    }
}
