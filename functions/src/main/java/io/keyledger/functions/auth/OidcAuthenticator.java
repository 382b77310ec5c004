package io.keyledger.functions.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.keyledger.core.access.Principal;
import io.keyledger.functions.http.HttpRequest;
import java.text.ParseException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies {@code Authorization: Bearer <JWT>} tokens of one issuer, with nimbus-jose-jwt: signed
 * only (no {@code alg: none}, no encrypted tokens), by one of the pinned asymmetric algorithms, with a
 * key the issuer publishes, for an accepted audience, within {@code nbf}/{@code exp} by the injected
 * clock. Then maps the caller to tenant roles. Rejections say why without quoting the token.
 *
 * <p>Construction does no network I/O; remote keys are fetched on first use and cached. With fixed keys
 * (the local server's), a token verified once is remembered, so a client sending it again costs no signature
 * check; its expiry, not-before and audience are still checked on every use.
 */
public final class OidcAuthenticator implements CredentialAuthenticator {

    /** Tokens of fixed keys remembered once verified: far more than the clients of one server use at once. */
    static final int VERIFIED_TOKENS = 1024;

    private final OidcSettings settings;
    private final Set<String> acceptedIssuers;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final TokenClaimsCheck claimsCheck;
    private final VerifiedTokens verifiedTokens;

    public OidcAuthenticator(OidcSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        this.acceptedIssuers = settings.acceptedIssuers();
        this.processor = new DefaultJWTProcessor<>();
        // typ may be absent, JWT, or at+jwt (an OAuth access token, RFC 9068); anything else is another kind of token
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new PinnedKeySelector(settings.algorithms(), keySource(settings, clock)));
        this.claimsCheck = new TokenClaimsCheck(settings, clock);
        processor.setJWTClaimsSetVerifier(claimsCheck);
        // Keys fetched from the issuer may be withdrawn, and a token signed with a withdrawn key must be
        // refused from then on: only tokens of fixed keys are remembered.
        this.verifiedTokens = settings.signingKeys() instanceof SigningKeys.Fixed
                ? new VerifiedTokens(VERIFIED_TOKENS) : VerifiedTokens.NONE;
    }

    public OidcSettings settings() {
        return settings;
    }

    /** A bearer token whose (still unverified) issuer is this one. */
    @Override
    public boolean recognises(HttpRequest request) {
        return BearerToken.find(request).flatMap(UnverifiedIssuer::of).filter(acceptedIssuers::contains).isPresent();
    }

    @Override
    public Principal authenticate(HttpRequest request) {
        return authenticate(BearerToken.require(request));
    }

    /** Verifies a bare token (without "Bearer "). */
    public Principal authenticate(String token) {
        JWTClaimsSet claims = verify(token);
        Identity.TokenSubject identity = identity(claims);
        String id = settings.identity() == IdentityClaim.VERIFIED_EMAIL
                ? identity.verifiedEmail().orElseThrow()
                : settings.issuer() + "#" + identity.subject();
        return new Principal(id, TokenRoles.of(settings.roles(), claims, identity));
    }

    private JWTClaimsSet verify(String token) {
        if (token.length() > BearerToken.MAX_LENGTH) {
            throw new AuthenticationException("bearer token is too long");
        }
        Optional<JWTClaimsSet> known = verifiedTokens.claims(token);
        if (known.isPresent()) {
            return checkClaimsAgain(token, known.get());
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new AuthenticationException("bearer token is malformed");
        }
        if (jwt instanceof PlainJWT) {
            throw new AuthenticationException("unsigned bearer tokens are not accepted");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new AuthenticationException("encrypted bearer tokens are not accepted");
        }
        if (!settings.algorithms().contains(signed.getHeader().getAlgorithm())) {
            throw new AuthenticationException("bearer token signature algorithm is not accepted (accepted: "
                    + OidcSettings.names(settings.algorithms()) + ")");
        }
        try {
            JWTClaimsSet claims = processor.process(signed, null);
            verifiedTokens.remember(token, claims);
            return claims;
        } catch (SigningKeysUnavailable e) {
            throw new IssuerUnavailableException(e.getMessage());
        } catch (UnknownSigningKey e) {
            throw new AuthenticationException("bearer token is signed with a key the issuer does not publish");
        } catch (TokenClaimsCheck.Rejected e) {
            throw new AuthenticationException(e.getMessage());
        } catch (BadJWSException e) {
            throw new AuthenticationException("bearer token signature is invalid");
        } catch (BadJWTException e) {
            throw new AuthenticationException("bearer token is malformed");
        } catch (BadJOSEException e) {
            throw new AuthenticationException("bearer token header is not accepted");
        } catch (JOSEException e) {
            throw new AuthenticationException("bearer token could not be verified");
        }
    }

    /** A token verified before: its signature holds, its claims are checked again by the clock of now. */
    private JWTClaimsSet checkClaimsAgain(String token, JWTClaimsSet claims) {
        try {
            claimsCheck.verify(claims, null);
            return claims;
        } catch (BadJWTException e) {
            verifiedTokens.forget(token);
            throw new AuthenticationException(e instanceof TokenClaimsCheck.Rejected
                    ? e.getMessage() : "bearer token is malformed");
        }
    }

    /** How many verified tokens are remembered (for tests). */
    int rememberedTokens() {
        return verifiedTokens.size();
    }

    private Identity.TokenSubject identity(JWTClaimsSet claims) {
        Optional<String> email = Optional.ofNullable(claims.getClaim("email"))
                .filter(String.class::isInstance).map(String.class::cast)
                .filter(e -> e.contains("@"))
                .filter(e -> emailVerified(claims.getClaim("email_verified")));
        if (settings.identity() == IdentityClaim.VERIFIED_EMAIL && email.isEmpty()) {
            throw new AuthenticationException("bearer token carries no verified email");
        }
        return new Identity.TokenSubject(settings.issuer(), claims.getSubject(), email);
    }

    /** Google writes a boolean; some issuers write the string "true". */
    private static boolean emailVerified(Object claim) {
        return Boolean.TRUE.equals(claim) || "true".equals(claim);
    }

    private static JWKSource<SecurityContext> keySource(OidcSettings settings, Clock clock) {
        SigningKeys keys = settings.signingKeys();
        if (keys instanceof SigningKeys.Fixed fixed) {
            return new ImmutableJWKSet<>(fixed.keys());
        }
        if (keys instanceof SigningKeys.Published published) {
            return new RemoteJwks(settings.issuer(), Optional.of(published.jwksUri()), published.fetch(), clock);
        }
        return new RemoteJwks(settings.issuer(), Optional.empty(), ((SigningKeys.Discovered) keys).fetch(), clock);
    }
}
