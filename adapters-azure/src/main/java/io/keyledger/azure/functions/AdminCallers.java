package io.keyledger.azure.functions;

import io.keyledger.functions.auth.AppServicePrincipalAuthenticator;
import io.keyledger.functions.auth.AppServiceSettings;
import io.keyledger.functions.auth.Authenticator;
import io.keyledger.functions.auth.AuthenticatorChain;
import io.keyledger.functions.auth.CredentialAuthenticator;
import io.keyledger.functions.auth.MappingFormatException;
import io.keyledger.functions.auth.OidcAuthenticator;
import io.keyledger.functions.auth.OidcSettings;
import io.keyledger.functions.auth.PrincipalMapping;
import io.keyledger.functions.auth.RoleSource;
import io.keyledger.functions.auth.SigningKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may call the admin API on Azure, from the settings: App Service authentication's
 * {@code X-MS-CLIENT-PRINCIPAL} (only with {@code KEYLEDGER_APP_SERVICE_AUTH=true}, where App Service strips
 * client-supplied copies of the header; anywhere else the header is ignored, so a forged one proves
 * nothing), then Entra ID bearer tokens of {@code KEYLEDGER_ENTRA_ISSUER} for {@code KEYLEDGER_ENTRA_AUDIENCE}.
 * Both map the caller to tenants and roles by {@code KEYLEDGER_ADMIN_PRINCIPALS}: App Service callers by
 * {@code azureObjectId}, token callers by {@code issuer} and {@code subject} (docs/AUTH.md).
 */
final class AdminCallers {

    private AdminCallers() {
    }

    /**
     * @param entraKeys where the Entra issuer's signing keys come from (production: discovered from the issuer,
     *                  fetched at the first token, never at start)
     * @throws SettingsException when no way to authenticate is configured, or the mapping is malformed
     */
    static Authenticator of(FunctionAppSettings settings, Clock clock, SigningKeys entraKeys) {
        if (!settings.authenticatesCallers()) {
            throw new SettingsException("the admin API would accept no caller: set " + FunctionAppSettings.APP_SERVICE_AUTH
                    + "=true behind App Service authentication, or " + FunctionAppSettings.ENTRA_ISSUER + " and "
                    + FunctionAppSettings.ENTRA_AUDIENCE);
        }
        PrincipalMapping mapping;
        try {
            mapping = PrincipalMapping.fromJson(FunctionAppSettings.ADMIN_PRINCIPALS, settings.requireAdminPrincipals());
        } catch (MappingFormatException e) {
            throw new SettingsException(e.getMessage());
        }
        List<CredentialAuthenticator> chain = new ArrayList<>();
        if (settings.appServiceAuth()) {
            // first: App Service forwards the caller's Authorization header too
            chain.add(new AppServicePrincipalAuthenticator(AppServiceSettings.trustedForEntraId(), mapping));
        }
        if (settings.entraIssuer().isPresent()) {
            OidcSettings entra = OidcSettings.of(settings.entraIssuer().get(), settings.entraAudience().orElseThrow(),
                    RoleSource.mapped(mapping)).withAlgorithms("RS256").withSigningKeys(entraKeys);
            chain.add(new OidcAuthenticator(entra, clock));
        }
        return new AuthenticatorChain(chain);
    }
}
