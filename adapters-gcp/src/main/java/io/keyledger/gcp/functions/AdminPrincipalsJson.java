package io.keyledger.gcp.functions;

import io.keyledger.functions.auth.AdminPrincipalsVariable;
import io.keyledger.functions.auth.OidcSettings;
import io.keyledger.functions.auth.PrincipalMapping;

/**
 * {@code KEYLEDGER_ADMIN_PRINCIPALS}: who may call the admin API, in either of two forms.
 * <ul>
 *   <li>The principal mapping file of docs/AUTH.md:
 *       {@code {"principals": [{"email": "ops@acme-sec.iam.gserviceaccount.com", "tenants": {"acme": ["custodian"]}}]}}</li>
 *   <li>The deployment's short form, verified e-mail addresses (people and service accounts) as members:
 *       {@code {"ann@acme.example": {"acme": ["auditor"]}}}, read as {@code email} entries of Google's issuer.</li>
 * </ul>
 * Every mistake is a {@link SettingsException} naming the variable, the entry and the field
 * ({@link AdminPrincipalsVariable}).
 */
final class AdminPrincipalsJson {

    private AdminPrincipalsJson() {
    }

    static PrincipalMapping parse(String json) {
        return AdminPrincipalsVariable.parse(GcpSettings.ADMIN_PRINCIPALS, json, (entry, member) -> {
                    entry.put("email", member);
                    entry.put("issuer", OidcSettings.GOOGLE_ISSUER);
                },
                SettingsException::new);
    }
}
