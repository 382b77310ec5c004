package io.keyledger.functions.auth;

import static io.keyledger.functions.auth.Tokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.testkit.MutableClock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Google preset, with the published keys replaced by a key made here. */
class GoogleIdTokenTest {

    private static final String FUNCTION_URL = "https://europe-west1-acme.cloudfunctions.net/keyledger-api";

    private final RSAKey google = Tokens.rsaKey("g1");
    private final PrincipalMapping mapping = PrincipalMapping.fromJson("test", """
            {"principals": [{"email": "scheduler@acme.iam.gserviceaccount.com", "issuer": "https://accounts.google.com",
                             "tenants": {"acme": ["admin"]}}]}""");
    private final OidcAuthenticator authenticator = new OidcAuthenticator(
            OidcSettings.google(FUNCTION_URL, RoleSource.mapped(mapping))
                    .withSigningKeys(SigningKeys.fixed(new JWKSet(google))), new MutableClock(NOW));

    private JWTClaimsSet.Builder idToken(String issuer) {
        return Tokens.claims(issuer, "104857600000000000001").audience(FUNCTION_URL)
                .claim("email", "scheduler@acme.iam.gserviceaccount.com").claim("email_verified", true);
    }

    @Test
    void thePresetPinsGooglesIssuerKeysAndAlgorithm() {
        OidcSettings settings = OidcSettings.google(FUNCTION_URL, RoleSource.mapped(mapping));

        assertThat(settings.issuer()).isEqualTo("https://accounts.google.com");
        assertThat(settings.acceptedIssuers()).containsExactlyInAnyOrder("https://accounts.google.com", "accounts.google.com");
        assertThat(settings.audiences()).containsExactly(FUNCTION_URL);
        assertThat(settings.algorithms()).containsExactly(JWSAlgorithm.RS256);
        assertThat(settings.signingKeys()).isEqualTo(SigningKeys.publishedAt(OidcSettings.GOOGLE_JWKS));
        assertThat(settings.identity()).isEqualTo(IdentityClaim.VERIFIED_EMAIL);
    }

    @Test
    void aVerifiedEmailIsTheCaller() {
        Principal p = authenticator.authenticate(Tokens.sign(google, JWSAlgorithm.RS256, idToken("https://accounts.google.com").build()));

        assertThat(p.id()).isEqualTo("scheduler@acme.iam.gserviceaccount.com");
        assertThat(p.roles()).isEqualTo(Map.of("acme", Set.of(Role.ADMIN)));
    }

    @Test
    void theIssuerWithoutSchemeIsTheSameIssuer() {
        Principal p = authenticator.authenticate(Tokens.sign(google, JWSAlgorithm.RS256, idToken("accounts.google.com").build()));

        assertThat(p.roles()).isEqualTo(Map.of("acme", Set.of(Role.ADMIN)));
    }

    @Test
    void anUnverifiedOrMissingEmailIsRejected() {
        String unverified = Tokens.sign(google, JWSAlgorithm.RS256,
                idToken("https://accounts.google.com").claim("email_verified", false).build());
        String noEmail = Tokens.sign(google, JWSAlgorithm.RS256,
                idToken("https://accounts.google.com").claim("email", null).build());

        assertThatThrownBy(() -> authenticator.authenticate(unverified)).hasMessage("bearer token carries no verified email");
        assertThatThrownBy(() -> authenticator.authenticate(noEmail)).hasMessage("bearer token carries no verified email");
    }

    @Test
    void aTokenForAnotherFunctionIsRejected() {
        String other = Tokens.sign(google, JWSAlgorithm.RS256,
                idToken("https://accounts.google.com").audience("https://other-function.example.com").build());

        assertThatThrownBy(() -> authenticator.authenticate(other)).hasMessage("bearer token audience is not accepted");
    }
}
