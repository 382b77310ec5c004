package io.keyledger.aws.lambda;

import io.keyledger.functions.auth.AdminPrincipalsVariable;
import io.keyledger.functions.auth.PrincipalMapping;

/**
 * {@code KEYLEDGER_ADMIN_PRINCIPALS}: who may call the admin API, in either of two forms.
 * <ul>
 *   <li>The principal mapping file of docs/AUTH.md:
 *       {@code {"principals": [{"iamArn": "arn:aws:iam::111122223333:role/KeyAdmins", "tenants": {"acme": ["custodian"]}}]}}</li>
 *   <li>The deployment's short form, IAM ARN patterns as members:
 *       {@code {"arn:aws:iam::111122223333:role/KeyAdmins": {"acme": ["custodian"]}}}, read as the same
 *       {@code iamArn} entries.</li>
 * </ul>
 * Every mistake is a {@link SettingsException} naming the variable, the entry and the field
 * ({@link AdminPrincipalsVariable}).
 */
final class AdminPrincipalsJson {

    private AdminPrincipalsJson() {
    }

    static PrincipalMapping parse(String json) {
        return AdminPrincipalsVariable.parse(LambdaSettings.ADMIN_PRINCIPALS, json, (entry, member) -> entry.put("iamArn", member),
                SettingsException::new);
    }
}
