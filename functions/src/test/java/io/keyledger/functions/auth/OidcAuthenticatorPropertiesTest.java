package io.keyledger.functions.auth;

import static io.keyledger.functions.auth.Tokens.AUDIENCE;
import static io.keyledger.functions.auth.Tokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.keyledger.core.access.Principal;
import io.keyledger.testkit.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever a caller sends, the answer is a principal or a clear, non-leaking rejection. */
class OidcAuthenticatorPropertiesTest {

    private static final String ISSUER = "https://idp.example.com";
    private static final RSAKey KEY = Tokens.rsaKey("k1");
    private static final String GOOD = Tokens.sign(KEY, JWSAlgorithm.RS256,
            Tokens.claims(ISSUER, "alice").claim("keyledger_roles", java.util.List.of("acme:viewer")).build());

    private final OidcAuthenticator authenticator = new OidcAuthenticator(
            OidcSettings.of(ISSUER, AUDIENCE, RoleSource.tenantRoleList("keyledger_roles"))
                    .withSigningKeys(SigningKeys.fixed(new JWKSet(KEY))),
            new MutableClock(NOW));

    @Property(tries = 300)
    void arbitraryTextIsRejectedWithAnAuthenticationException(@ForAll("tokenish") String token) {
        assertThatThrownBy(() -> authenticator.authenticate(token))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(e -> Leaks.assertNoPartOf(token, e.getMessage()));
    }

    @Property(tries = 300)
    void aChangedCharacterNeverYieldsAnotherPrincipal(@ForAll @IntRange(min = 0, max = 10_000) int position,
                                                      @ForAll("base64url") char replacement) {
        int at = position % GOOD.length();
        String changed = GOOD.substring(0, at) + replacement + GOOD.substring(at + 1);
        Principal original = authenticator.authenticate(GOOD);

        try {
            // base64url's last character may carry unused bits: such a change decodes to the same token
            assertThat(authenticator.authenticate(changed)).isEqualTo(original);
        } catch (AuthenticationException rejected) {
            Leaks.assertNoPartOf(changed, rejected.getMessage());
        }
    }

    @Provide
    Arbitrary<String> tokenish() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ABCDEFabcdefxyz0123456789-_=+/{}\":,.").ofMaxLength(60);
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                segment.list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join(".", parts)),
                Arbitraries.of(GOOD.split("\\.")).list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join(".", parts))
                        .filter(s -> !s.equals(GOOD)));
    }

    @Provide
    Arbitrary<Character> base64url() {
        return Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
    }
}
