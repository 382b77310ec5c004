package io.keyledger.functions.auth;

import static io.keyledger.functions.auth.Tokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokenIssuerTest {

    private static final Map<String, Set<Role>> ROLES = Map.of("acme", Set.of(Role.ADMIN), "beta", Set.of(Role.VIEWER));

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void aTokenItIssuesIsAcceptedWithItsRoles() {
        LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(home, clock);

        Principal p = issuer.authenticator().authenticate(Tokens.bearer(issuer.issue("ann", ROLES, Duration.ofHours(1))));

        assertThat(p.id()).isEqualTo("keyledger-local#ann");
        assertThat(p.roles()).isEqualTo(ROLES);
    }

    @Test
    void theTokenCarriesTheDocumentedClaims() throws Exception {
        LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(home, clock);

        SignedJWT jwt = SignedJWT.parse(issuer.issue("ann", ROLES, Duration.ofMinutes(15)));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.publicKeys().getKeys().get(0).getKeyID());
        assertThat(claims.getIssuer()).isEqualTo("keyledger-local");
        assertThat(claims.getAudience()).containsExactly("keyledger-local-api");
        assertThat(claims.getSubject()).isEqualTo("ann");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringListClaim("keyledger_roles")).containsExactly("acme:admin", "beta:viewer");
        assertThat(SignedJWT.parse(issuer.issue("ann", ROLES, Duration.ofMinutes(15))).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(claims.getJWTID());
    }

    @Test
    void aTokenVerifiedOnceIsRememberedAndStillExpiresByTheClock() {
        LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(home, clock);
        String token = issuer.issue("ann", ROLES, Duration.ofMinutes(5));
        OidcAuthenticator authenticator = issuer.authenticator();

        Principal first = authenticator.authenticate(token);
        Principal again = authenticator.authenticate(token);
        clock.advance(Duration.ofMinutes(5).plusSeconds(31));

        assertThat(again).isEqualTo(first);
        assertThat(authenticator.rememberedTokens()).isEqualTo(1);
        assertThatThrownBy(() -> authenticator.authenticate(token)).hasMessage("bearer token has expired");
        assertThat(authenticator.rememberedTokens()).isZero();
    }

    @Test
    void aRememberedTokenWithOneCharacterChangedIsVerifiedAndRefused() {
        LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(home, clock);
        String token = issuer.issue("ann", ROLES, Duration.ofMinutes(5));
        issuer.authenticator().authenticate(token);
        // a character inside the signature (the last one may carry only padding bits)
        int i = token.lastIndexOf('.') + 10;
        String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);

        assertThatThrownBy(() -> issuer.authenticator().authenticate(tampered))
                .hasMessage("bearer token signature is invalid");
        assertThat(issuer.authenticator().rememberedTokens()).isEqualTo(1);
    }

    @Test
    void itsTokensExpireByTheInjectedClock() {
        LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(home, clock);
        String token = issuer.issue("ann", ROLES, Duration.ofMinutes(5));

        clock.advance(Duration.ofMinutes(5).plusSeconds(31));

        assertThatThrownBy(() -> issuer.authenticator().authenticate(token)).hasMessage("bearer token has expired");
    }

    @Test
    void theKeyIsMadeOnceAndReused() throws Exception {
        LocalTokenIssuer first = LocalTokenIssuer.inDirectory(home, clock);
        String keyFile = Files.readString(home.resolve(LocalSigningKey.FILE_NAME));
        String token = first.issue("ann", ROLES, Duration.ofHours(1));

        LocalTokenIssuer second = LocalTokenIssuer.inDirectory(home, clock);

        assertThat(Files.readString(home.resolve(LocalSigningKey.FILE_NAME))).isEqualTo(keyFile);
        assertThat(second.authenticator().authenticate(token).roles()).isEqualTo(ROLES);
        try (var files = Files.list(home)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly(LocalSigningKey.FILE_NAME);
        }
    }

    @Test
    void anotherIssuersKeyIsNotAccepted(@TempDir Path elsewhere) {
        LocalTokenIssuer ours = LocalTokenIssuer.inDirectory(home, clock);
        LocalTokenIssuer theirs = LocalTokenIssuer.inDirectory(elsewhere, clock);

        assertThatThrownBy(() -> ours.authenticator().authenticate(theirs.issue("ann", ROLES, Duration.ofHours(1))))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("bearer token is signed with a key the issuer does not publish");
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        Path nested = home.resolve("new-home");
        LocalTokenIssuer.inDirectory(nested, clock);
        Path file = nested.resolve(LocalSigningKey.FILE_NAME);
        assumeTrue(Files.getFileAttributeView(file, PosixFileAttributeView.class) != null, "POSIX file system");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        LocalTokenIssuer.inDirectory(home, clock);
        Path file = home.resolve(LocalSigningKey.FILE_NAME);
        assumeTrue(Files.getFileAttributeView(file, PosixFileAttributeView.class) != null, "POSIX file system");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> LocalTokenIssuer.inDirectory(home, clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is accessible to other users; restrict it to its owner (chmod 600)");
    }

    @Test
    void aDamagedKeyFileIsNamedWithoutItsContent() throws Exception {
        Files.writeString(home.resolve(LocalSigningKey.FILE_NAME), "{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXZhbHVlLTEyMzQ1Njc4OTA\"}");
        setOwnerOnly(home.resolve(LocalSigningKey.FILE_NAME));

        assertThatThrownBy(() -> LocalTokenIssuer.inDirectory(home, clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a private EC P-256 key")
                .message().doesNotContain("c2VjcmV0");
    }

    @Test
    void theKeyNeverShowsInTextItGives() throws Exception {
        LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(home, clock);
        String privateScalar = com.nimbusds.jose.jwk.JWK.parse(Files.readString(home.resolve(LocalSigningKey.FILE_NAME)))
                .toECKey().getD().toString();

        assertThat(issuer.toString()).doesNotContain(privateScalar);
        assertThat(issuer.publicKeys().toString(false)).doesNotContain(privateScalar);
        assertThat(issuer.authenticator().settings().toString()).doesNotContain(privateScalar);
    }

    @Test
    void theSystemRoleAndBadInputAreRefused() {
        LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(home, clock);

        assertThatThrownBy(() -> issuer.issue("ingest", Map.of("acme", Set.of(Role.SYSTEM)), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("system role");
        assertThatThrownBy(() -> issuer.issue(" ", ROLES, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue("ann", ROLES, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue("ann", ROLES, Duration.ofDays(31))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue("ann", Map.of("a b", Set.of(Role.VIEWER)), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPrincipalCanBeIssuedDirectly() {
        LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(home, clock);
        Principal ann = new Principal("ann", ROLES);

        assertThat(issuer.authenticator().authenticate(issuer.issue(ann, Duration.ofHours(1))).roles()).isEqualTo(ROLES);
        assertThat(List.of(issuer.authenticator().settings().algorithms())).containsExactly(Set.of(JWSAlgorithm.ES256));
    }

    private static void setOwnerOnly(Path file) throws Exception {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
