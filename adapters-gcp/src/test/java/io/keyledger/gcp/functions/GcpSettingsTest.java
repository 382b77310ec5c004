package io.keyledger.gcp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.access.Role;
import io.keyledger.core.key.Provider;
import io.keyledger.functions.auth.Identity;
import io.keyledger.functions.auth.PrincipalMapping;
import io.keyledger.gcp.cloudkms.GcpSweepConfig;
import io.keyledger.gcp.firestore.FirestoreSettings;
import io.keyledger.gcp.pubsub.PubSubTopic;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GcpSettingsTest {

    @Test
    void anEmptyEnvironmentIsValidAndEachFunctionAsksForWhatItNeeds() {
        GcpSettings settings = GcpSettings.fromEnvironment(Map.of());

        assertThat(settings.firestoreDatabase()).isEqualTo("(default)");
        assertThat(settings.alertPubSubTopic()).isEmpty();
        assertThatThrownBy(settings::requireSweepTopic).isInstanceOf(SettingsException.class)
                .hasMessage("KEYLEDGER_SWEEP_TOPIC is not set");
        assertThatThrownBy(settings::requireAdminAudiences).hasMessageStartingWith("KEYLEDGER_ADMIN_AUDIENCES is not set");
        assertThatThrownBy(settings::requireAdminPrincipals).hasMessage("KEYLEDGER_ADMIN_PRINCIPALS is not set");
    }

    @Test
    void topicsAreNamedByIdInTheProjectOrInFull() {
        GcpSettings settings = GcpSettings.fromEnvironment(Map.of(GcpSettings.PROJECT, "acme-security",
                GcpSettings.SWEEP_TOPIC, "keyledger-sweep",
                GcpSettings.ALERT_TOPIC, "projects/acme-alerts/topics/keyledger-alerts"));

        assertThat(settings.requireSweepTopic()).isEqualTo(new PubSubTopic("acme-security", "keyledger-sweep"));
        assertThat(settings.alertPubSubTopic()).contains(new PubSubTopic("acme-alerts", "keyledger-alerts"));
    }

    @Test
    void aTopicByIdWithoutTheProjectSaysWhatToSet() {
        GcpSettings settings = GcpSettings.fromEnvironment(Map.of(GcpSettings.SWEEP_TOPIC, "keyledger-sweep"));

        assertThatThrownBy(settings::requireSweepTopic).hasMessageContaining("KEYLEDGER_PROJECT is not set");
    }

    @Test
    void listsAreCommaSeparatedOrJsonAndEachItemIsChecked() {
        GcpSettings settings = GcpSettings.fromEnvironment(Map.of(GcpSettings.PROJECTS, "acme-payments, acme-analytics",
                GcpSettings.LOCATIONS, "[\"europe-west1\", \"global\"]"));

        assertThat(settings.projects()).containsExactly("acme-payments", "acme-analytics");
        assertThat(settings.locations()).containsExactly("europe-west1", "global");
        assertThatThrownBy(() -> GcpSettings.fromEnvironment(Map.of(GcpSettings.PROJECTS, "acme-payments,Bad_Project")))
                .hasMessage("KEYLEDGER_PROJECTS: item 2 'Bad_Project' is not a project id");
    }

    @Test
    void theTenantsShortFormNamesProjectsBare() {
        GcpSettings settings = GcpSettings.fromEnvironment(Map.of(GcpSettings.TENANTS,
                "{\"acme-payments\": \"acme\", \"aws:111122223333\": \"acme\", \"default\": \"shared\"}"));

        assertThat(settings.tenants().tenantOf(Provider.GCP, "acme-payments")).isEqualTo("acme");
        assertThat(settings.tenants().tenantOf(Provider.AWS, "111122223333")).isEqualTo("acme");
        assertThat(settings.tenants().tenantOf(Provider.GCP, "other-project")).isEqualTo("shared");
        assertThatThrownBy(() -> GcpSettings.fromEnvironment(Map.of(GcpSettings.TENANTS, "{\"Acme Payments\": \"acme\"}")))
                .hasMessageStartingWith("KEYLEDGER_TENANTS: field 'Acme Payments'");
    }

    @Test
    void organisationAndFolderAreExclusive() {
        assertThatThrownBy(() -> GcpSettings.fromEnvironment(Map.of(GcpSettings.ORGANIZATION, "123456789012",
                GcpSettings.FOLDER, "987654321098"))).hasMessageContaining("are both set");
        assertThatThrownBy(() -> GcpSettings.fromEnvironment(Map.of(GcpSettings.ORGANIZATION, "organizations/1")))
                .hasMessageStartingWith("KEYLEDGER_ORGANIZATION: expected an organisation's number");
    }

    @Test
    void theStoreIsTheDatabaseOfTheProjectOrALoopbackEmulator() {
        GcpSettings deployed = GcpSettings.fromEnvironment(Map.of(GcpSettings.PROJECT, "acme-security",
                GcpSettings.FIRESTORE_DATABASE, "keyledger"));
        GcpSettings local = GcpSettings.fromEnvironment(Map.of(GcpSettings.PROJECT, "acme-security",
                GcpSettings.FIRESTORE_EMULATOR_HOST, "127.0.0.1:8086"));

        assertThat(deployed.firestore()).isEqualTo(FirestoreSettings.of("acme-security").withDatabase("keyledger"));
        assertThat(local.firestore()).isEqualTo(FirestoreSettings.of("acme-security").withEmulatorHost("127.0.0.1:8086"));
        assertThatThrownBy(() -> GcpSettings.fromEnvironment(Map.of()).firestore())
                .hasMessage("KEYLEDGER_PROJECT is not set");
        assertThatThrownBy(() -> GcpSettings.fromEnvironment(Map.of(GcpSettings.FIRESTORE_EMULATOR_HOST, "10.0.0.8:8080")))
                .hasMessageStartingWith("FIRESTORE_EMULATOR_HOST: expected a loopback address");
    }

    @Test
    void theSweepCoversTheListedProjectsElseTheOrganisationOrFolderElseItsOwnProject() {
        GcpSweepConfig listed = GcpSettings.fromEnvironment(Map.of(GcpSettings.PROJECT, "acme-security",
                GcpSettings.PROJECTS, "acme-payments", GcpSettings.ORGANIZATION, "123456789012",
                GcpSettings.LOCATIONS, "europe-west1", GcpSettings.PROTECTED_RESOURCES, "true")).sweepConfig();
        GcpSweepConfig organisation = GcpSettings.fromEnvironment(Map.of(GcpSettings.ORGANIZATION, "123456789012"))
                .sweepConfig();
        GcpSweepConfig folder = GcpSettings.fromEnvironment(Map.of(GcpSettings.FOLDER, "987654321098")).sweepConfig();
        GcpSweepConfig own = GcpSettings.fromEnvironment(Map.of(GcpSettings.PROJECT, "acme-security")).sweepConfig();

        assertThat(listed.projects()).containsExactly("acme-payments");
        assertThat(listed.locations()).containsExactly("europe-west1");
        assertThat(listed.kms().protectedResources()).isTrue();
        assertThat(organisation.parent()).contains("organizations/123456789012");
        assertThat(organisation.kms().protectedResources()).isFalse();
        assertThat(folder.parent()).contains("folders/987654321098");
        assertThat(own.projects()).containsExactly("acme-security");
        assertThat(own.locations()).as("each project's locations").isEmpty();
        assertThatThrownBy(() -> GcpSettings.fromEnvironment(Map.of()).sweepConfig())
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("nothing to sweep");
        assertThatThrownBy(() -> GcpSettings.fromEnvironment(Map.of(GcpSettings.PROTECTED_RESOURCES, "yes")))
                .hasMessage("KEYLEDGER_PROTECTED_RESOURCES: expected true or false, was 'yes'");
    }

    @Test
    void audiencesAreHttpsUrls() {
        assertThat(GcpSettings.fromEnvironment(Map.of(GcpSettings.ADMIN_AUDIENCES,
                GcpHarness.ADMIN_URL + ",https://keyledger-admin-api-abc123-ew.a.run.app")).adminAudiences()).hasSize(2);
        assertThatThrownBy(() -> GcpSettings.fromEnvironment(Map.of(GcpSettings.ADMIN_AUDIENCES, "http://example.com")))
                .hasMessage("KEYLEDGER_ADMIN_AUDIENCES: item 1 'http://example.com' is not an https URL");
    }

    @Test
    void thePrincipalsShortFormMapsVerifiedEmailsOfGoogle() {
        PrincipalMapping mapping = AdminPrincipalsJson.parse("{\"ann@acme.example\": {\"acme\": [\"admin\"]}}");

        assertThat(mapping.rolesOf(new Identity.TokenSubject("https://accounts.google.com", "1", Optional.of("ann@acme.example"))))
                .isEqualTo(Map.of("acme", Set.of(Role.ADMIN)));
        assertThat(mapping.rolesOf(new Identity.TokenSubject("https://other.example", "1", Optional.of("ann@acme.example"))))
                .as("another issuer's token for the same address").isEmpty();
    }

    @Test
    void aMalformedPrincipalMappingNamesTheVariableAndTheEntry() {
        assertThatThrownBy(() -> AdminPrincipalsJson.parse("{\"ann@acme.example\": {\"acme\": [\"root\"]}}"))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("KEYLEDGER_ADMIN_PRINCIPALS")
                .hasMessageContaining("ann@acme.example");
        assertThatThrownBy(() -> AdminPrincipalsJson.parse("[]")).hasMessage("KEYLEDGER_ADMIN_PRINCIPALS: expected a JSON object");
    }

    @Test
    void everyVariableIsListedAndTheStringNamesNoPrincipal() {
        assertThat(GcpSettings.VARIABLES).hasSize(13).doesNotContain(GcpSettings.K_SERVICE, GcpSettings.FIRESTORE_EMULATOR_HOST);
        GcpSettings settings = GcpSettings.fromEnvironment(Map.of(GcpSettings.ADMIN_PRINCIPALS,
                "{\"ann@acme.example\": {\"acme\": [\"admin\"]}}"));
        assertThat(settings.toString()).contains("adminPrincipals=(set)").doesNotContain("ann@");
        assertThat(List.copyOf(GcpSettings.VARIABLES)).allMatch(v -> v.startsWith("KEYLEDGER_"));
    }
}
