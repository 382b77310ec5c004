package io.keyledger.functions.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.core.tenant.TenantIds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Tokens for {@code keyledger serve}: ES256 JWTs signed with a key kept in the KeyLedger home
 * directory (made on first use, then reused), and the {@link OidcAuthenticator} that accepts them and
 * nothing else — public key in memory, no network. Tokens of another issuer's key are refused.
 */
public final class LocalTokenIssuer {

    public static final String ISSUER = "keyledger-local";
    public static final String AUDIENCE = "keyledger-local-api";
    public static final String ROLES_CLAIM = "keyledger_roles";
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);

    private final ECKey signingKey;
    private final Clock clock;
    private final OidcAuthenticator authenticator;

    private LocalTokenIssuer(ECKey signingKey, Clock clock) {
        this.signingKey = signingKey;
        this.clock = clock;
        this.authenticator = new OidcAuthenticator(settings(new JWKSet(signingKey.toPublicJWK())), clock);
    }

    /**
     * The issuer whose key lives in {@code directory} (such as {@code $KEYLEDGER_HOME}); creates the
     * directory and the key file, owner-only, when missing.
     */
    public static LocalTokenIssuer inDirectory(Path directory, Clock clock) {
        return new LocalTokenIssuer(LocalSigningKey.loadOrCreate(Objects.requireNonNull(directory, "directory")),
                Objects.requireNonNull(clock, "clock"));
    }

    /** How local tokens are verified, given the issuer's public key. */
    public static OidcSettings settings(JWKSet publicKeys) {
        return new OidcSettings(ISSUER, Set.of(), Set.of(AUDIENCE), Set.of(JWSAlgorithm.ES256),
                SigningKeys.fixed(publicKeys), Duration.ofSeconds(30), IdentityClaim.SUBJECT,
                RoleSource.tenantRoleList(ROLES_CLAIM));
    }

    /**
     * A signed token for {@code subject} with these roles, valid from now for {@code lifetime}.
     *
     * @throws IllegalArgumentException for a blank subject, an invalid tenant, the system role, or a
     *                                  lifetime that is not positive or exceeds {@link #MAX_LIFETIME}
     */
    public String issue(String subject, Map<String, Set<Role>> roles, Duration lifetime) {
        return issued(subject, roles, lifetime).token();
    }

    /**
     * A token issued: the token and what it grants, so that the issue can be ledgered in each tenant it
     * grants a role in.
     */
    public record Issued(String token, String tokenId, String subject, Map<String, Set<Role>> roles, Instant issuedAt,
                         Instant expiresAt) {
        public Issued {
            Objects.requireNonNull(token, "token");
            roles = Map.copyOf(roles);
        }

        @Override
        public String toString() {
            return "Issued[" + tokenId + " for " + subject + "]"; // never the token itself
        }
    }

    /** As {@link #issue(String, Map, Duration)}, with what the token grants. */
    public Issued issued(String subject, Map<String, Set<Role>> roles, Duration lifetime) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject: required");
        }
        if (lifetime == null || lifetime.isZero() || lifetime.isNegative() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("lifetime: expected more than 0 and at most " + MAX_LIFETIME.toDays() + " days");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String tokenId = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(tokenId)
                .claim(ROLES_CLAIM, roleList(roles))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
        return new Issued(jwt.serialize(), tokenId, subject, roles, now, now.plus(lifetime));
    }

    /** A token for a principal: its id as subject, its roles. */
    public String issue(Principal principal, Duration lifetime) {
        return issue(principal.id(), principal.roles(), lifetime);
    }

    /** Accepts this issuer's tokens only. */
    public OidcAuthenticator authenticator() {
        return authenticator;
    }

    /** The public half of the signing key. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    @Override
    public String toString() {
        return "LocalTokenIssuer[kid=" + signingKey.getKeyID() + "]";
    }

    private static List<String> roleList(Map<String, Set<Role>> roles) {
        Objects.requireNonNull(roles, "roles");
        return roles.entrySet().stream()
                .flatMap(e -> {
                    TenantIds.requireValid(e.getKey());
                    return e.getValue().stream().map(role -> {
                        if (role == Role.SYSTEM) {
                            throw new IllegalArgumentException("roles: the system role cannot be given to a token");
                        }
                        return e.getKey() + ":" + role.name().toLowerCase(Locale.ROOT);
                    });
                })
                .sorted()
                .toList();
    }
}
