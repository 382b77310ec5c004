package io.keyledger.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.functions.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppServicePrincipalAuthenticatorTest {

    private static final String OBJECT_ID = "6E2C3B5A-1F0D-4C8B-9A7E-2D4F6A8B0C1E";
    private static final PrincipalMapping MAPPING = PrincipalMapping.fromJson("test", """
            {"principals": [{"azureObjectId": "6e2c3b5a-1f0d-4c8b-9a7e-2d4f6a8b0c1e", "tenants": {"acme": ["auditor"]}}]}""");

    private final AppServicePrincipalAuthenticator trusted =
            new AppServicePrincipalAuthenticator(AppServiceSettings.trustedForEntraId(), MAPPING);

    /** As App Service writes it: claims after its default claim mapping. */
    private static String clientPrincipal(String authType, String objectIdClaim, String objectId) {
        String json = """
                {"auth_typ": "%s",
                 "claims": [
                   {"typ": "http://schemas.microsoft.com/identity/claims/tenantid", "val": "72f988bf-86f1-41af-91ab-2d7cd011db47"},
                   {"typ": "%s", "val": "%s"},
                   {"typ": "name", "val": "Ann Auditor"},
                   {"typ": "roles", "val": "KeyLedger.Reader"}],
                 "name_typ": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
                 "role_typ": "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}
                """.formatted(authType, objectIdClaim, objectId);
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest withPrincipal(String header) {
        return Tokens.withHeaders("X-MS-CLIENT-PRINCIPAL", header, "X-MS-CLIENT-PRINCIPAL-NAME", "ann@contoso.com",
                "X-MS-CLIENT-PRINCIPAL-IDP", "aad");
    }

    @Test
    void theObjectIdClaimIsTheCaller() {
        Principal p = trusted.authenticate(withPrincipal(clientPrincipal("aad", AppServicePrincipalAuthenticator.OBJECT_ID_CLAIM, OBJECT_ID)));

        assertThat(p.id()).isEqualTo("aad:6e2c3b5a-1f0d-4c8b-9a7e-2d4f6a8b0c1e");
        assertThat(p.roles()).isEqualTo(Map.of("acme", Set.of(Role.AUDITOR)));
    }

    @Test
    void theShortOidClaimAndThePrincipalIdHeaderServeWhenTheLongClaimIsAbsent() {
        Principal shortClaim = trusted.authenticate(withPrincipal(clientPrincipal("aad", "oid", OBJECT_ID)));
        HttpRequest idHeaderOnly = Tokens.withHeaders("X-MS-CLIENT-PRINCIPAL", clientPrincipal("aad", "name", "x"),
                "X-MS-CLIENT-PRINCIPAL-ID", OBJECT_ID);

        assertThat(shortClaim.rolesIn("acme")).containsExactly(Role.AUDITOR);
        assertThat(trusted.authenticate(idHeaderOnly).rolesIn("acme")).containsExactly(Role.AUDITOR);
    }

    @Test
    void anUnmappedObjectIdHasNoRoles() {
        Principal p = trusted.authenticate(withPrincipal(
                clientPrincipal("aad", "oid", "00000000-0000-0000-0000-000000000001")));

        assertThat(p.roles()).isEmpty();
    }

    @Test
    void malformedHeadersAreRejected() {
        String notJson = Base64.getEncoder().encodeToString("not json".getBytes(StandardCharsets.UTF_8));
        String noClaims = Base64.getEncoder().encodeToString("{\"auth_typ\":\"aad\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> trusted.authenticate(withPrincipal("%%%not-base64%%%")))
                .isInstanceOf(AuthenticationException.class).hasMessage("App Service client principal is not valid base64");
        assertThatThrownBy(() -> trusted.authenticate(withPrincipal(notJson)))
                .isInstanceOf(AuthenticationException.class).hasMessage("App Service client principal is not valid JSON");
        assertThatThrownBy(() -> trusted.authenticate(withPrincipal(noClaims)))
                .isInstanceOf(AuthenticationException.class).hasMessage("App Service client principal lacks auth_typ or claims");
        assertThatThrownBy(() -> trusted.authenticate(withPrincipal(clientPrincipal("aad", "oid", "not-a-guid"))))
                .isInstanceOf(AuthenticationException.class).hasMessage("App Service client principal object id is malformed");
        assertThatThrownBy(() -> trusted.authenticate(withPrincipal(clientPrincipal("aad", "name", "x"))))
                .isInstanceOf(AuthenticationException.class).hasMessage("App Service client principal has no object id");
    }

    @Test
    void anotherIdentityProviderIsRejected() {
        assertThatThrownBy(() -> trusted.authenticate(withPrincipal(clientPrincipal("google", "oid", OBJECT_ID))))
                .isInstanceOf(AuthenticationException.class).hasMessage("App Service identity provider is not accepted");
    }

    @Test
    void whenNotEnabledTheHeadersAreIgnored() {
        AppServicePrincipalAuthenticator disabled =
                new AppServicePrincipalAuthenticator(AppServiceSettings.disabled(), MAPPING);
        HttpRequest forged = withPrincipal(clientPrincipal("aad", "oid", OBJECT_ID));

        assertThat(disabled.recognises(forged)).isFalse();
        assertThatThrownBy(() -> disabled.authenticate(forged))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("App Service authentication headers are not trusted in this deployment");
        assertThatThrownBy(() -> AuthenticatorChain.of(disabled).authenticate(forged))
                .isInstanceOf(AuthenticationException.class).hasMessage("missing bearer token");
    }

    @Test
    void whenEnabledItRecognisesThePrincipalHeader() {
        assertThat(trusted.recognises(withPrincipal("x"))).isTrue();
        assertThat(trusted.recognises(Tokens.withHeaders("Authorization", "Bearer x"))).isFalse();
    }

    @Test
    void trustingNeedsAnIdentityProvider() {
        assertThatThrownBy(() -> new AppServiceSettings(true, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identityProviders");
    }
}
