package io.keyledger.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.access.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrincipalMappingTest {

    private static final String ISSUER = "https://login.example.com";

    private static final String EXAMPLE = """
            {"principals": [
              {"description": "Ann, by her IdP subject",
               "issuer": "https://login.example.com", "subject": "248289761001", "tenants": {"acme": ["admin"]}},
              {"email": "ann@example.com", "tenants": {"beta": ["viewer"]}},
              {"email": "ann@example.com", "issuer": "https://accounts.google.com", "tenants": {"gamma": ["auditor"]}},
              {"azureObjectId": "6e2c3b5a-1f0d-4c8b-9a7e-2d4f6a8b0c1e", "tenants": {"acme": ["custodian", "viewer"]}},
              {"iamArn": "arn:aws:iam::111122223333:role/KeyLedgerAuditors", "tenants": {"acme": ["auditor"]}}
            ]}""";

    private final PrincipalMapping mapping = PrincipalMapping.fromJson("principals.json", EXAMPLE);

    @Test
    void eachKindOfIdentityFindsItsEntries() {
        assertThat(mapping.entries()).hasSize(5);
        assertThat(mapping.rolesOf(new Identity.TokenSubject(ISSUER, "248289761001", Optional.empty())))
                .isEqualTo(Map.of("acme", Set.of(Role.ADMIN)));
        assertThat(mapping.rolesOf(new Identity.AzureObject("6E2C3B5A-1F0D-4C8B-9A7E-2D4F6A8B0C1E")))
                .isEqualTo(Map.of("acme", Set.of(Role.CUSTODIAN, Role.VIEWER)));
        assertThat(mapping.rolesOf(new Identity.IamPrincipal("arn:aws:iam::111122223333:role/KeyLedgerAuditors")))
                .isEqualTo(Map.of("acme", Set.of(Role.AUDITOR)));
        assertThat(mapping.rolesOf(new Identity.TokenSubject(ISSUER, "other", Optional.empty()))).isEmpty();
    }

    @Test
    void rolesOfSeveralMatchingEntriesAreUnited() {
        Identity ann = new Identity.TokenSubject(ISSUER, "248289761001", Optional.of("Ann@Example.com"));
        Identity annAtGoogle = new Identity.TokenSubject("https://accounts.google.com", "1", Optional.of("ann@example.com"));

        assertThat(mapping.rolesOf(ann)).isEqualTo(Map.of("acme", Set.of(Role.ADMIN), "beta", Set.of(Role.VIEWER)));
        assertThat(mapping.rolesOf(annAtGoogle)).isEqualTo(Map.of("beta", Set.of(Role.VIEWER), "gamma", Set.of(Role.AUDITOR)));
    }

    @Test
    void aSubjectOfAnotherIssuerDoesNotMatch() {
        assertThat(mapping.rolesOf(new Identity.TokenSubject("https://evil.example.com", "248289761001", Optional.empty())))
                .isEmpty();
    }

    @Test
    void aFileIsReadAndNamedInErrors(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("principals.json"), EXAMPLE);
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"principals\": [{\"email\": \"a@b.c\"}]}");

        assertThat(PrincipalMapping.read(good).entries()).hasSize(5);
        assertThatThrownBy(() -> PrincipalMapping.read(bad))
                .isInstanceOf(MappingFormatException.class)
                .hasMessage("bad.json: principals[0] (email a@b.c).tenants: required: roles by tenant, such as {\"acme\": [\"auditor\"]}");
        assertThatThrownBy(() -> PrincipalMapping.read(dir.resolve("missing.json")))
                .isInstanceOf(MappingFormatException.class).hasMessage("missing.json: no such file");
    }

    @Test
    void anEmptyDocumentGrantsNothing() {
        assertThat(PrincipalMapping.fromJson("m", "{}").entries()).isEmpty();
        assertThat(PrincipalMapping.fromJson("m", "{\"principals\": []}").entries()).isEmpty();
    }

    @Test
    void anUnknownRoleIsNamedWithItsEntryAndField() {
        assertError("""
                {"principals": [{"email": "ann@example.com", "tenants": {"acme": ["viewer", "owner"]}}]}""",
                "m: principals[0] (email ann@example.com).tenants.acme[1]: unknown role 'owner'"
                        + " (expected one of viewer, auditor, custodian, admin)");
    }

    @Test
    void theSystemRoleCannotBeGranted() {
        assertError("""
                {"principals": [{"iamArn": "arn:aws:iam::111122223333:role/Ingest", "tenants": {"acme": ["System"]}}]}""",
                "m: principals[0] (iamArn arn:aws:iam::111122223333:role/Ingest).tenants.acme[0]: the system role"
                        + " belongs to the ingest and sweep functions and cannot be granted");
    }

    @Test
    void anEmptyOrInvalidTenantIsNamed() {
        assertError("""
                {"principals": [{"email": "ann@example.com", "tenants": {"": ["viewer"]}}]}""",
                "m: principals[0] (email ann@example.com).tenants: empty tenant id");
        assertError("""
                {"principals": [{"email": "ann@example.com", "tenants": {"ac me": ["viewer"]}}]}""",
                "m: principals[0] (email ann@example.com).tenants.ac me: invalid tenant id 'ac me'"
                        + " (1 to 64 letters, digits, '.', '_' or '-')");
        assertError("""
                {"principals": [{"email": "ann@example.com", "tenants": {}}]}""",
                "m: principals[0] (email ann@example.com).tenants: grants no role in any tenant");
        assertError("""
                {"principals": [{"email": "ann@example.com", "tenants": {"acme": []}}]}""",
                "m: principals[0] (email ann@example.com).tenants.acme: expected a non-empty list of roles"
                        + " (viewer, auditor, custodian, admin)");
    }

    @Test
    void anEntryNamesExactlyOneIdentity() {
        assertError("""
                {"principals": [{"tenants": {"acme": ["viewer"]}}]}""",
                "m: principals[0]: an entry names exactly one of subject (with issuer), email, azureObjectId or iamArn");
        assertError("""
                {"principals": [{"email": "a@b.c", "iamArn": "arn:aws:iam::111122223333:root", "tenants": {"acme": ["viewer"]}}]}""",
                "m: principals[0]: an entry names exactly one of subject (with issuer), email, azureObjectId or iamArn;"
                        + " found email, iamArn");
        assertError("""
                {"principals": [{"subject": "248289761001", "tenants": {"acme": ["viewer"]}}]}""",
                "m: principals[0] (subject 248289761001).issuer: required with subject");
        assertError("""
                {"principals": [{"azureObjectId": "6e2c3b5a-1f0d-4c8b-9a7e-2d4f6a8b0c1e", "issuer": "x",
                                 "tenants": {"acme": ["viewer"]}}]}""",
                "m: principals[0] (azureObjectId 6e2c3b5a-1f0d-4c8b-9a7e-2d4f6a8b0c1e).issuer: only a subject or an email"
                        + " entry names an issuer");
    }

    @Test
    void malformedIdentitiesAreNamed() {
        assertError("""
                {"principals": [{"azureObjectId": "ann", "tenants": {"acme": ["viewer"]}}]}""",
                "m: principals[0] (azureObjectId ann).azureObjectId: expected an object id (a GUID such as 6e2c3b5a-...)");
        assertError("""
                {"principals": [{"email": "ann", "tenants": {"acme": ["viewer"]}}]}""",
                "m: principals[0] (email ann).email: expected an email address");
        assertError("""
                {"principals": [{"iamArn": "arn:aws:iam::*:role/Admin", "tenants": {"acme": ["viewer"]}}]}""",
                "m: principals[0] (iamArn arn:aws:iam::*:role/Admin).iamArn: expected an IAM ARN such as"
                        + " arn:aws:iam::111122223333:role/ROLE (partition and 12-digit account exact, '*' only in the resource part)");
        assertError("""
                {"principals": [{"email": 7, "tenants": {"acme": ["viewer"]}}]}""",
                "m: principals[0].email: expected a non-empty string");
    }

    @Test
    void typosAreErrorsNotSilentDefaults() {
        assertError("""
                {"principal": []}""", "m: principal: unknown field (expected one of principals)");
        assertError("""
                {"principals": [{"email": "a@b.c", "tenant": {"acme": ["viewer"]}}]}""",
                "m: principals[0].tenant: unknown field (expected one of description, issuer, subject, email,"
                        + " azureObjectId, iamArn, tenants)");
        assertError("{\"principals\": {}}", "m: principals: expected a list of entries");
        assertError("{\"principals\": [", "m: not valid JSON: ");
    }

    @Test
    void entriesMadeInCodeAreCheckedToo() {
        assertThatThrownBy(() -> new PrincipalMapping.Entry(new IdentitySelector.Email("a@b.c", Optional.empty()),
                Map.of("acme", Set.of(Role.SYSTEM))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("system role");
        assertThatThrownBy(() -> new PrincipalMapping.Entry(new IdentitySelector.Email("a@b.c", Optional.empty()), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertError(String json, String message) {
        assertThatThrownBy(() -> PrincipalMapping.fromJson("m", json))
                .isInstanceOf(MappingFormatException.class)
                .hasMessageStartingWith(message);
    }
}
