package io.keyledger.functions.auth;

import static io.keyledger.functions.auth.Tokens.AUDIENCE;
import static io.keyledger.functions.auth.Tokens.NOW;
import static io.keyledger.functions.auth.Tokens.bearer;
import static io.keyledger.functions.auth.Tokens.claims;
import static io.keyledger.functions.auth.Tokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.functions.http.HttpRequest;
import io.keyledger.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real tokens, signed in the test, against an issuer served on 127.0.0.1 and found by discovery. */
class OidcAuthenticatorTest {

    private static final RSAKey RSA_KEY = Tokens.rsaKey("rsa-1");
    private static final ECKey EC_KEY = Tokens.ecKey("ec-1");
    private final MutableClock clock = new MutableClock(NOW);
    private IssuerServer issuer;
    private OidcAuthenticator authenticator;

    @BeforeEach
    void startIssuer() throws Exception {
        issuer = new IssuerServer();
        issuer.publish(RSA_KEY, EC_KEY);
        PrincipalMapping mapping = PrincipalMapping.of(List.of(new PrincipalMapping.Entry(
                new IdentitySelector.Subject(issuer.issuer(), "alice"), Map.of("acme", Set.of(Role.AUDITOR)))));
        authenticator = new OidcAuthenticator(
                OidcSettings.of(issuer.issuer(), AUDIENCE, RoleSource.mapped(mapping)), clock);
    }

    @AfterEach
    void stopIssuer() {
        issuer.close();
    }

    private JWTClaimsSet.Builder alice() {
        return claims(issuer.issuer(), "alice");
    }

    @Test
    void aGoodRsaTokenGivesTheMappedRoles() {
        String token = sign(RSA_KEY, JWSAlgorithm.RS256, alice().build());

        Principal principal = authenticator.authenticate(bearer(token));

        assertThat(principal.id()).isEqualTo(issuer.issuer() + "#alice");
        assertThat(principal.roles()).isEqualTo(Map.of("acme", Set.of(Role.AUDITOR)));
    }

    @Test
    void tokensOfAnIssuersPublishedKeysAreVerifiedInFullEveryTime() {
        String token = sign(RSA_KEY, JWSAlgorithm.RS256, alice().build());

        authenticator.authenticate(bearer(token));
        authenticator.authenticate(bearer(token));

        // the issuer may withdraw a key: only tokens of fixed keys are remembered
        assertThat(authenticator.rememberedTokens()).isZero();
    }

    @Test
    void aGoodEcTokenIsAcceptedToo() {
        String token = sign(EC_KEY, JWSAlgorithm.ES256, alice().build());

        assertThat(authenticator.authenticate(bearer(token)).rolesIn("acme")).containsExactly(Role.AUDITOR);
    }

    @Test
    void aSubjectNoEntryNamesIsAuthenticatedWithoutRoles() {
        String token = sign(RSA_KEY, JWSAlgorithm.RS256, claims(issuer.issuer(), "mallory").build());

        Principal principal = authenticator.authenticate(bearer(token));

        assertThat(principal.id()).isEqualTo(issuer.issuer() + "#mallory");
        assertThat(principal.roles()).isEmpty();
    }

    @Test
    void theSchemeNameIsCaseInsensitive() {
        String token = sign(RSA_KEY, JWSAlgorithm.RS256, alice().build());

        assertThat(authenticator.authenticate(Tokens.withHeaders("authorization", "bearer " + token)).id())
                .endsWith("#alice");
    }

    @Test
    void algNoneIsRejected() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode(alice().build().toString()).toString();

        assertRejected(header + "." + payload + ".", "unsigned bearer tokens are not accepted");
    }

    @Test
    void algNoneWithASignatureAttachedIsRejected() {
        String good = sign(RSA_KEY, JWSAlgorithm.RS256, alice().build());
        String[] parts = good.split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\"}").toString();

        assertRejected(none + "." + parts[1] + "." + parts[2], "bearer token is malformed");
    }

    @Test
    void anUnsignedPlainJwtIsRejected() {
        assertRejected(new PlainJWT(alice().build()).serialize(), "unsigned bearer tokens are not accepted");
    }

    @Test
    void hmacSignedWithTheRsaPublicKeyIsRejected() throws Exception {
        // the key-confusion attack: the public key, which anyone can fetch, used as an HMAC secret
        byte[] publicKeyBytes = RSA_KEY.toRSAPublicKey().getEncoded();
        String token = hmac(publicKeyBytes, alice().build(), RSA_KEY.getKeyID());

        assertRejected(token, "bearer token signature algorithm is not accepted (accepted: ES256, RS256)");
    }

    @Test
    void hmacSignedWithThePublishedJwkTextIsRejected() throws Exception {
        byte[] jwkBytes = RSA_KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);

        assertRejected(hmac(jwkBytes, alice().build(), RSA_KEY.getKeyID()),
                "bearer token signature algorithm is not accepted (accepted: ES256, RS256)");
    }

    @Test
    void hmacWithARandomSecretIsRejected() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);

        assertRejected(hmac(secret, alice().build(), null), "bearer token signature algorithm is not accepted");
    }

    @Test
    void anAlgorithmThatIsNotPinnedIsRejectedEvenWithTheRightKey() {
        String token = sign(RSA_KEY, JWSAlgorithm.RS512, alice().build());

        assertRejected(token, "bearer token signature algorithm is not accepted");
    }

    @Test
    void settingsRefuseSymmetricAlgorithms() {
        OidcSettings settings = OidcSettings.of(issuer.issuer(), AUDIENCE, RoleSource.tenantRoleList("r"));

        assertThatThrownBy(() -> settings.withAlgorithms("HS256"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("algorithms: HS256 is not accepted");
        assertThatThrownBy(() -> settings.withAlgorithms("none"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpiredTokenIsRejectedOnceTheSkewHasPassed() {
        String token = sign(RSA_KEY, JWSAlgorithm.RS256, alice().build());

        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        assertThat(authenticator.authenticate(bearer(token)).id()).endsWith("#alice");

        clock.advance(Duration.ofSeconds(2));
        assertRejected(token, "bearer token has expired");
    }

    @Test
    void aTokenNotValidYetIsRejectedBeyondTheSkew() {
        JWTClaimsSet future = alice().notBeforeTime(Date.from(NOW.plusSeconds(120)))
                .expirationTime(Date.from(NOW.plusSeconds(600))).build();
        String token = sign(RSA_KEY, JWSAlgorithm.RS256, future);

        assertRejected(token, "bearer token is not valid yet");

        clock.advance(Duration.ofSeconds(61));
        assertThat(authenticator.authenticate(bearer(token)).id()).endsWith("#alice");
    }

    @Test
    void anotherIssuerIsRejected() {
        String token = sign(RSA_KEY, JWSAlgorithm.RS256, claims("https://evil.example.com", "alice").build());

        assertRejected(token, "bearer token issuer is not accepted");
    }

    @Test
    void anotherAudienceIsRejected() {
        assertRejected(sign(RSA_KEY, JWSAlgorithm.RS256, alice().audience("https://other.example.com").build()),
                "bearer token audience is not accepted");
    }

    @Test
    void aTokenWithoutAudienceIsRejected() {
        assertRejected(sign(RSA_KEY, JWSAlgorithm.RS256, alice().audience((String) null).build()),
                "bearer token audience is not accepted");
    }

    @Test
    void aTokenWithoutSubjectOrExpiryIsRejected() {
        assertRejected(sign(RSA_KEY, JWSAlgorithm.RS256, alice().subject(null).build()),
                "bearer token lacks a required claim (iss, sub, exp)");
        assertRejected(sign(RSA_KEY, JWSAlgorithm.RS256, alice().expirationTime(null).build()),
                "bearer token lacks a required claim (iss, sub, exp)");
    }

    @Test
    void aTamperedPayloadIsRejected() {
        String good = sign(RSA_KEY, JWSAlgorithm.RS256, claims(issuer.issuer(), "mallory").build());
        String[] parts = good.split("\\.");
        String forged = Base64URL.encode(alice().build().toString()).toString();

        assertRejected(parts[0] + "." + forged + "." + parts[2], "bearer token signature is invalid");
    }

    @Test
    void aKeyTheIssuerDoesNotPublishIsRejected() {
        RSAKey stranger = Tokens.rsaKey("stranger");

        assertRejected(sign(stranger, JWSAlgorithm.RS256, alice().build()),
                "bearer token is signed with a key the issuer does not publish");
    }

    @Test
    void aKnownKeyIdWithAnotherKeysSignatureIsRejected() {
        RSAKey impostor = new RSAKey.Builder(Tokens.rsaKey("x")).keyID(RSA_KEY.getKeyID()).build();

        assertRejected(sign(impostor, JWSAlgorithm.RS256, alice().build()), "bearer token signature is invalid");
    }

    @Test
    void anEncryptedTokenIsRejected() throws Exception {
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM),
                alice().build());
        jwt.encrypt(new RSAEncrypter(RSA_KEY.toRSAPublicKey()));

        assertRejected(jwt.serialize(), "encrypted bearer tokens are not accepted");
    }

    @Test
    void anUnexpectedTypeHeaderIsRejected() {
        JWSHeader logoutToken = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(RSA_KEY.getKeyID())
                .type(new JOSEObjectType("logout+jwt")).build();

        assertRejected(sign(RSA_KEY, logoutToken, alice().build()), "bearer token header is not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b.c", "...", "eyJhbGciOiJSUzI1NiJ9..", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
            "bm90IGpzb24.eyJzdWIiOiJhIn0.c2ln", "e30.e30.e30", "eyJhbGciOiJSUzI1NiJ9.e30"})
    void malformedTokensAreRejected(String token) {
        assertThatThrownBy(() -> authenticator.authenticate(bearer(token)))
                .isInstanceOf(AuthenticationException.class)
                .isNotInstanceOf(IssuerUnavailableException.class)
                .message().startsWith("bearer token").doesNotContain(token);
    }

    @Test
    void anOversizedTokenIsRejectedBeforeParsing() {
        String token = "a".repeat(BearerToken.MAX_LENGTH + 1);

        assertRejected(token, "bearer token is too long");
    }

    @Test
    void aRequestWithoutAuthorizationHasNoBearerToken() {
        assertThatThrownBy(() -> authenticator.authenticate(Tokens.request(Map.of())))
                .isInstanceOf(AuthenticationException.class).hasMessage("missing bearer token");
        assertThatThrownBy(() -> authenticator.authenticate(Tokens.withHeaders("Authorization", "Bearer ")))
                .isInstanceOf(AuthenticationException.class).hasMessage("missing bearer token");
    }

    @Test
    void anotherSchemeIsRejected() {
        HttpRequest basic = Tokens.withHeaders("Authorization", "Basic dXNlcjpwYXNzd29yZA==");

        assertThatThrownBy(() -> authenticator.authenticate(basic))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("the Authorization header must use the Bearer scheme");
    }

    @Test
    void itRecognisesOnlyBearerTokensOfItsOwnIssuer() {
        assertThat(authenticator.recognises(bearer(sign(RSA_KEY, JWSAlgorithm.RS256, alice().build())))).isTrue();
        assertThat(authenticator.recognises(bearer(sign(RSA_KEY, JWSAlgorithm.RS256,
                claims("https://other.example.com", "alice").build())))).isFalse();
        assertThat(authenticator.recognises(bearer("not.a.token"))).isFalse();
        assertThat(authenticator.recognises(Tokens.request(Map.of()))).isFalse();
        assertThat(issuer.jwksRequests.get()).isZero();
    }

    private String hmac(byte[] secret, JWTClaimsSet claims, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private void assertRejected(String token, String message) {
        assertThatThrownBy(() -> authenticator.authenticate(bearer(token)))
                .isInstanceOf(AuthenticationException.class)
                .isNotInstanceOf(IssuerUnavailableException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> Leaks.assertNoPartOf(token, e.getMessage()));
    }
}
