package io.keyledger.functions.auth;

import static io.keyledger.functions.auth.Tokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.keyledger.core.access.Role;
import io.keyledger.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several issuers and platform identities side by side: each request goes to the one it is meant for. */
class AuthenticatorChainTest {

    private static final String CORPORATE = "https://login.example.com";

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(NOW);
    private final RSAKey corporateKey = Tokens.rsaKey("c1");
    private LocalTokenIssuer local;
    private AuthenticatorChain chain;

    @BeforeEach
    void configure() {
        local = LocalTokenIssuer.inDirectory(home, clock);
        OidcAuthenticator corporate = new OidcAuthenticator(
                OidcSettings.of(CORPORATE, Tokens.AUDIENCE, RoleSource.tenantClaims("tenant", "roles"))
                        .withSigningKeys(SigningKeys.fixed(new JWKSet(corporateKey))), clock);
        AppServicePrincipalAuthenticator appService = new AppServicePrincipalAuthenticator(
                AppServiceSettings.trustedForEntraId(), PrincipalMapping.fromJson("m", """
                        {"principals": [{"azureObjectId": "6e2c3b5a-1f0d-4c8b-9a7e-2d4f6a8b0c1e",
                                         "tenants": {"acme": ["custodian"]}}]}"""));
        chain = AuthenticatorChain.of(appService, local.authenticator(), corporate);
    }

    @Test
    void eachIssuersTokensGoToThatIssuer() {
        String localToken = local.issue("ann", Map.of("acme", Set.of(Role.ADMIN)), Duration.ofHours(1));
        String corporateToken = Tokens.sign(corporateKey, JWSAlgorithm.RS256, Tokens.claims(CORPORATE, "bob")
                .claim("tenant", "beta").claim("roles", List.of("viewer")).build());

        assertThat(chain.authenticate(Tokens.bearer(localToken)).roles()).isEqualTo(Map.of("acme", Set.of(Role.ADMIN)));
        assertThat(chain.authenticate(Tokens.bearer(corporateToken)).roles()).isEqualTo(Map.of("beta", Set.of(Role.VIEWER)));
    }

    @Test
    void aTrustedPlatformHeaderComesFirst() {
        String principal = Base64.getEncoder().encodeToString("""
                {"auth_typ":"aad","claims":[{"typ":"oid","val":"6e2c3b5a-1f0d-4c8b-9a7e-2d4f6a8b0c1e"}]}"""
                .getBytes(StandardCharsets.UTF_8));
        String corporateToken = Tokens.sign(corporateKey, JWSAlgorithm.RS256, Tokens.claims(CORPORATE, "bob").build());

        assertThat(chain.authenticate(Tokens.withHeaders("X-MS-CLIENT-PRINCIPAL", principal,
                "Authorization", "Bearer " + corporateToken)).id()).isEqualTo("aad:6e2c3b5a-1f0d-4c8b-9a7e-2d4f6a8b0c1e");
    }

    @Test
    void theRecognisingAuthenticatorsRejectionIsFinal() {
        String forged = Tokens.sign(Tokens.rsaKey("c1"), JWSAlgorithm.RS256, Tokens.claims(CORPORATE, "bob").build());

        assertThatThrownBy(() -> chain.authenticate(Tokens.bearer(forged)))
                .isInstanceOf(AuthenticationException.class).hasMessage("bearer token signature is invalid");
    }

    @Test
    void whatNoAuthenticatorRecognisesIsExplained() {
        String unknownIssuer = Tokens.sign(corporateKey, JWSAlgorithm.RS256,
                Tokens.claims("https://elsewhere.example.com", "eve").build());

        assertThatThrownBy(() -> chain.authenticate(Tokens.request(Map.of())))
                .isInstanceOf(AuthenticationException.class).hasMessage("missing bearer token");
        assertThatThrownBy(() -> chain.authenticate(Tokens.withHeaders("Authorization", "Basic YTpi")))
                .hasMessage("the Authorization header must use the Bearer scheme");
        assertThatThrownBy(() -> chain.authenticate(Tokens.bearer("garbage")))
                .hasMessage("bearer token is malformed");
        assertThatThrownBy(() -> chain.authenticate(Tokens.bearer(unknownIssuer)))
                .hasMessage("bearer token issuer is not accepted");
    }

    @Test
    void aChainNeedsAMember() {
        assertThatThrownBy(() -> new AuthenticatorChain(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
