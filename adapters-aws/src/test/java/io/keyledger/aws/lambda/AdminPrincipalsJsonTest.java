package io.keyledger.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.access.Principal;
import io.keyledger.core.access.Role;
import io.keyledger.functions.auth.IamPrincipalMapping;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** KEYLEDGER_ADMIN_PRINCIPALS in the principal mapping's own form and in the deployment's short form. */
class AdminPrincipalsJsonTest {

    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/KeyAdmins/ann@example.com";

    @Test
    void theMappingFileFormGrantsTheRolesOfItsIamEntries() {
        Principal p = new IamPrincipalMapping(AdminPrincipalsJson.parse("{\"principals\": [{\"iamArn\": "
                + "\"arn:aws:iam::111122223333:role/KeyAdmins\", \"tenants\": {\"acme\": [\"custodian\"]}}]}"))
                .principalFor(SESSION);

        assertThat(p.id()).isEqualTo(SESSION);
        assertThat(p.rolesIn("acme")).isEqualTo(Set.of(Role.CUSTODIAN));
    }

    @Test
    void theShortFormIsReadAsTheSameEntries() {
        Principal p = new IamPrincipalMapping(AdminPrincipalsJson.parse(
                "{\"arn:aws:iam::111122223333:role/Key*\": {\"acme\": [\"viewer\"], \"beta\": [\"admin\"]}}"))
                .principalFor(SESSION);

        assertThat(p.rolesIn("acme")).isEqualTo(Set.of(Role.VIEWER));
        assertThat(p.rolesIn("beta")).isEqualTo(Set.of(Role.ADMIN));
    }

    @Test
    void mistakesNameTheVariableTheEntryAndTheField() {
        assertThatThrownBy(() -> AdminPrincipalsJson.parse(
                "{\"arn:aws:iam::111122223333:role/KeyAdmins\": {\"acme\": [\"owner\"]}}"))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("KEYLEDGER_ADMIN_PRINCIPALS: principals[0]")
                .hasMessageContaining("unknown role 'owner'");
        assertThatThrownBy(() -> AdminPrincipalsJson.parse(
                "{\"arn:aws:iam::111122223333:role/KeyAdmins\": {\"acme\": [\"system\"]}}"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("system role");
        assertThatThrownBy(() -> AdminPrincipalsJson.parse("[1]")).isInstanceOf(SettingsException.class)
                .hasMessage("KEYLEDGER_ADMIN_PRINCIPALS: expected a JSON object");
        assertThatThrownBy(() -> AdminPrincipalsJson.parse("{x")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("KEYLEDGER_ADMIN_PRINCIPALS: not valid JSON");
    }
}
