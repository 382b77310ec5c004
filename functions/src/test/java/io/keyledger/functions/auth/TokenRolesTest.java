package io.keyledger.functions.auth;

import static io.keyledger.functions.auth.Tokens.AUDIENCE;
import static io.keyledger.functions.auth.Tokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.testkit.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tenant roles from a verified token's claims; the system role never. */
class TokenRolesTest {

    private static final String ISSUER = "https://idp.example.com";
    private final ECKey key = Tokens.ecKey("e1");

    private Principal authenticate(RoleSource roles, JWTClaimsSet claims) {
        OidcAuthenticator authenticator = new OidcAuthenticator(OidcSettings.of(ISSUER, AUDIENCE, roles)
                .withSigningKeys(SigningKeys.fixed(new JWKSet(key))), new MutableClock(NOW));
        return authenticator.authenticate(Tokens.sign(key, JWSAlgorithm.ES256, claims));
    }

    private JWTClaimsSet.Builder claims() {
        return Tokens.claims(ISSUER, "alice");
    }

    @Test
    void aTenantClaimAndARolesListGiveRolesInThatTenant() {
        Principal p = authenticate(RoleSource.tenantClaims("tenant", "roles"),
                claims().claim("tenant", "acme").claim("roles", List.of("Auditor", "custodian", "billing-admin")).build());

        assertThat(p.roles()).isEqualTo(Map.of("acme", Set.of(Role.AUDITOR, Role.CUSTODIAN)));
    }

    @Test
    void aSpaceSeparatedRolesStringIsAcceptedToo() {
        Principal p = authenticate(RoleSource.tenantClaims("kl_tenant", "scope"),
                claims().claim("kl_tenant", "acme").claim("scope", "openid viewer").build());

        assertThat(p.roles()).isEqualTo(Map.of("acme", Set.of(Role.VIEWER)));
    }

    @Test
    void aTenantRoleListGivesRolesInSeveralTenants() {
        Principal p = authenticate(RoleSource.tenantRoleList("keyledger_roles"),
                claims().claim("keyledger_roles", List.of("acme:admin", "beta:viewer", "beta:auditor")).build());

        assertThat(p.roles()).isEqualTo(Map.of("acme", Set.of(Role.ADMIN), "beta", Set.of(Role.VIEWER, Role.AUDITOR)));
    }

    @Test
    void aTokenWithoutRoleClaimsIsAuthenticatedWithoutRoles() {
        assertThat(authenticate(RoleSource.tenantRoleList("keyledger_roles"), claims().build()).roles()).isEmpty();
        assertThat(authenticate(RoleSource.tenantClaims("tenant", "roles"), claims().build()).roles()).isEmpty();
        assertThat(authenticate(RoleSource.tenantClaims("tenant", "roles"),
                claims().claim("tenant", "acme").claim("roles", List.of("owner")).build()).roles()).isEmpty();
    }

    @Test
    void theSystemRoleIsNeverGrantedByAToken() {
        assertThatThrownBy(() -> authenticate(RoleSource.tenantRoleList("keyledger_roles"),
                claims().claim("keyledger_roles", List.of("acme:viewer", "acme:SYSTEM")).build()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("bearer token claims the system role, which no token can grant");
        assertThatThrownBy(() -> authenticate(RoleSource.tenantClaims("tenant", "roles"),
                claims().claim("tenant", "acme").claim("roles", List.of("system")).build()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("system role");
    }

    @Test
    void malformedRoleClaimsAreRejected() {
        assertThatThrownBy(() -> authenticate(RoleSource.tenantRoleList("keyledger_roles"),
                claims().claim("keyledger_roles", List.of("admin")).build()))
                .hasMessage("bearer token claim 'keyledger_roles' holds an entry that is not tenant:role");
        assertThatThrownBy(() -> authenticate(RoleSource.tenantRoleList("keyledger_roles"),
                claims().claim("keyledger_roles", List.of(1, 2)).build()))
                .hasMessage("bearer token claim 'keyledger_roles' is not a list of strings");
        assertThatThrownBy(() -> authenticate(RoleSource.tenantClaims("tenant", "roles"),
                claims().claim("tenant", "a b/c").claim("roles", List.of("admin")).build()))
                .hasMessage("bearer token claim 'tenant' is not a tenant id");
    }

    @Test
    void mappedRolesMatchVerifiedEmailsOnly() {
        PrincipalMapping mapping = PrincipalMapping.fromJson("test", """
                {"principals": [{"email": "Alice@Example.com", "tenants": {"acme": ["custodian"]}}]}""");

        Principal verified = authenticate(RoleSource.mapped(mapping),
                claims().claim("email", "alice@example.com").claim("email_verified", true).build());
        Principal unverified = authenticate(RoleSource.mapped(mapping),
                claims().claim("email", "alice@example.com").claim("email_verified", false).build());

        assertThat(verified.roles()).isEqualTo(Map.of("acme", Set.of(Role.CUSTODIAN)));
        assertThat(unverified.roles()).isEmpty();
    }
}
