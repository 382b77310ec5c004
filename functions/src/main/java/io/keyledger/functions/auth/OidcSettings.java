package io.keyledger.functions.auth;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How to verify one issuer's bearer tokens (JWTs) and what they grant.
 *
 * @param issuer        the exact {@code iss}; with {@link SigningKeys.Discovered}, also where discovery starts
 * @param issuerAliases other {@code iss} spellings of the same issuer (Google also writes {@code accounts.google.com})
 * @param audiences     the {@code aud} values accepted: a token must name at least one
 * @param algorithms    the signature algorithms accepted; only asymmetric ones (RSA, RSA-PSS, ECDSA), so
 *                      that a public key can never serve as an HMAC secret
 * @param signingKeys   where the issuer's public keys come from
 * @param clockSkew     tolerance for {@code exp} and {@code nbf}, at most {@link #MAX_CLOCK_SKEW}
 * @param identity      which claim names the caller
 * @param roles         where the caller's tenant roles come from
 */
public record OidcSettings(String issuer, Set<String> issuerAliases, Set<String> audiences,
                           Set<JWSAlgorithm> algorithms, SigningKeys signingKeys, Duration clockSkew,
                           IdentityClaim identity, RoleSource roles) {

    public static final Set<JWSAlgorithm> ASYMMETRIC_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public static final String GOOGLE_ISSUER = "https://accounts.google.com";
    public static final URI GOOGLE_JWKS = URI.create("https://www.googleapis.com/oauth2/v3/certs");

    public OidcSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("issuer: required");
        }
        issuerAliases = Set.copyOf(Objects.requireNonNull(issuerAliases, "issuerAliases"));
        audiences = Set.copyOf(Objects.requireNonNull(audiences, "audiences"));
        if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("audiences: name at least one accepted audience");
        }
        algorithms = Set.copyOf(Objects.requireNonNull(algorithms, "algorithms"));
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms: name at least one accepted algorithm");
        }
        for (JWSAlgorithm algorithm : algorithms) {
            if (!ASYMMETRIC_ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException("algorithms: " + algorithm + " is not accepted (expected one of "
                        + names(ASYMMETRIC_ALGORITHMS) + ")");
            }
        }
        Objects.requireNonNull(signingKeys, "signingKeys");
        if (signingKeys instanceof SigningKeys.Discovered) {
            SigningKeys.requireFetchable(URI.create(issuer), "issuer (discovery)");
        }
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clockSkew: expected 0 to " + MAX_CLOCK_SKEW.toSeconds() + " seconds");
        }
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(roles, "roles");
    }

    /** An OpenID Connect issuer found by discovery; RS256 or ES256, 60 s of clock skew, callers by subject. */
    public static OidcSettings of(String issuer, String audience, RoleSource roles) {
        return new OidcSettings(issuer, Set.of(), Set.of(audience), Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                SigningKeys.discovered(), DEFAULT_CLOCK_SKEW, IdentityClaim.SUBJECT, roles);
    }

    /**
     * Google-signed ID tokens, as Cloud Run and Cloud Functions callers present them: audience the
     * function's URL, callers by verified email (people and service accounts alike).
     */
    public static OidcSettings google(String functionUrl, RoleSource roles) {
        return new OidcSettings(GOOGLE_ISSUER, Set.of("accounts.google.com"), Set.of(functionUrl),
                Set.of(JWSAlgorithm.RS256), SigningKeys.publishedAt(GOOGLE_JWKS), DEFAULT_CLOCK_SKEW,
                IdentityClaim.VERIFIED_EMAIL, roles);
    }

    public OidcSettings withIssuerAliases(String... aliases) {
        return new OidcSettings(issuer, Set.of(aliases), audiences, algorithms, signingKeys, clockSkew, identity, roles);
    }

    public OidcSettings withAudiences(String... accepted) {
        return new OidcSettings(issuer, issuerAliases, Set.of(accepted), algorithms, signingKeys, clockSkew, identity, roles);
    }

    /** By name, as configuration spells them: "RS256", "ES256", ... */
    public OidcSettings withAlgorithms(String... names) {
        Set<JWSAlgorithm> parsed = Arrays.stream(names).map(JWSAlgorithm::parse).collect(Collectors.toSet());
        return new OidcSettings(issuer, issuerAliases, audiences, parsed, signingKeys, clockSkew, identity, roles);
    }

    public OidcSettings withSigningKeys(SigningKeys keys) {
        return new OidcSettings(issuer, issuerAliases, audiences, algorithms, keys, clockSkew, identity, roles);
    }

    public OidcSettings withClockSkew(Duration skew) {
        return new OidcSettings(issuer, issuerAliases, audiences, algorithms, signingKeys, skew, identity, roles);
    }

    public OidcSettings withIdentity(IdentityClaim claim) {
        return new OidcSettings(issuer, issuerAliases, audiences, algorithms, signingKeys, clockSkew, claim, roles);
    }

    public OidcSettings withRoles(RoleSource source) {
        return new OidcSettings(issuer, issuerAliases, audiences, algorithms, signingKeys, clockSkew, identity, source);
    }

    /** The issuer and its aliases. */
    public Set<String> acceptedIssuers() {
        Set<String> all = new TreeSet<>(issuerAliases);
        all.add(issuer);
        return all;
    }

    static String names(Set<JWSAlgorithm> algorithms) {
        return algorithms.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", "));
    }
}
