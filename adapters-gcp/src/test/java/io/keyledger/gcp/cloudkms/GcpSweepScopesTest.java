package io.keyledger.gcp.cloudkms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.resourcemanager.v3.Project;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.SweepScope;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finding the projects and locations to sweep, and the configuration that says where to look. */
class GcpSweepScopesTest {

    private final GoogleCloudFakes google = new GoogleCloudFakes();

    @AfterEach
    void close() {
        google.close();
    }

    @Test
    void everyActiveProjectUnderAnOrganisationAndItsFoldersInEachOfItsLocations() {
        String prod = google.resourceManager.folder("organizations/1", "prod");
        String team = google.resourceManager.folder(prod, "team");
        String hidden = google.resourceManager.folder("organizations/1", "hidden");
        google.resourceManager.project("organizations/1", "top-project", Project.State.ACTIVE);
        google.resourceManager.project(team, "deep-project", Project.State.ACTIVE);
        google.resourceManager.project(prod, "going-project", Project.State.DELETE_REQUESTED);
        google.resourceManager.deny(hidden);
        google.kms.location("top-project", "global").location("top-project", "europe-west1");
        google.kms.location("deep-project", "us-east1");

        GcpSweepScopes.ScopeListing listing = google.scopes(GcpSweepConfig.ofParent("organizations/1")).scopes();

        assertThat(listing.scopes()).containsExactly(new SweepScope(Provider.GCP, "top-project", "europe-west1"),
                new SweepScope(Provider.GCP, "top-project", "global"),
                new SweepScope(Provider.GCP, "deep-project", "us-east1"));
        assertThat(listing.unreachable()).containsOnlyKeys(hidden);
        assertThat(google.apis.calledMethods()).containsExactlyInAnyOrder("ListProjects", "ListFolders", "ListLocations");
    }

    @Test
    void configuredProjectsAndLocationsAreSweptAsGivenWithoutDiscovery() {
        GcpSweepScopes scopes = google.scopes(GcpSweepConfig.ofProjects(List.of("acme-prod", "acme-data"))
                .withLocations(List.of("global", "europe-west1")));

        assertThat(scopes.scopes().scopes()).extracting(SweepScope::id).containsExactly("gcp:acme-prod:global",
                "gcp:acme-prod:europe-west1", "gcp:acme-data:global", "gcp:acme-data:europe-west1");
        assertThat(google.apis.calls()).isEmpty();
        assertThatThrownBy(() -> scopes.keySource(new SweepScope(Provider.GCP, "other-project", "global")))
                .hasMessageContaining("other-project");
        assertThat(scopes.quota("acme-prod")).isSameAs(scopes.quota("acme-prod"));
    }

    @Test
    void aProjectWhoseLocationsCannotBeListedIsReportedAndAnOrganisationThatCannotBeListedFails() {
        google.kms.location("acme-prod", "global");
        google.kms.readsPerMinute("acme-data", 1).spendReads("acme-data", 1);
        GcpSweepScopes.ScopeListing listing = google.scopes(GcpSweepConfig.ofProjects(List.of("acme-prod", "acme-data")))
                .scopes();
        google.resourceManager.deny("organizations/9");

        assertThat(listing.scopes()).extracting(SweepScope::id).containsExactly("gcp:acme-prod:global");
        assertThat(listing.unreachable()).containsOnlyKeys("projects/acme-data");
        assertThatThrownBy(() -> google.scopes(GcpSweepConfig.ofParent("organizations/9")).scopes())
                .isInstanceOf(ApiException.class);
    }

    @Test
    void aConfigurationNamesWhatToSweepAndMistakesNameTheField() {
        GcpSweepConfig config = GcpSweepConfig.ofProjects(List.of("acme-prod", "acme-data")).withLocations(List.of("global"));

        assertThat(config.projects()).containsExactly("acme-prod", "acme-data");
        assertThat(config.locations()).containsExactly("global");
        assertThat(GcpSweepConfig.ofParent("folders/123").parent()).contains("folders/123");
        assertThatThrownBy(() -> GcpSweepConfig.ofProjects(List.of())).hasMessageContaining("'projects'")
                .hasMessageContaining("parent");
        assertThatThrownBy(() -> GcpSweepConfig.ofParent("projects/x")).hasMessageContaining("'parent'");
        assertThatThrownBy(() -> config.withLocations(List.of("Europe"))).hasMessageContaining("'locations'");
    }
}
