package io.keyledger.gcp.cloudkms;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.Provider;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The declared operations: what the deployment's custom role is made of. */
class GcpSweepOperationTest {

    @Test
    void everyRowIsAGoogleOperationWithOneGrpcMethodAndAnIamPermission() {
        assertThat(Arrays.stream(GcpSweepOperation.values()).map(GcpSweepOperation::grpcMethod)).doesNotHaveDuplicates();
        for (GcpSweepOperation row : GcpSweepOperation.values()) {
            assertThat(row.operation().provider()).isEqualTo(Provider.GCP);
            assertThat(row.grpcMethod()).startsWith("google.").endsWith("/" + row.methodName());
            assertThat(row.permission()).matches("(cloudkms|resourcemanager)\\.[a-zA-Z]+\\.[a-zA-Z]+");
            assertThat(GcpSweepOperation.ofGrpcMethod(row.grpcMethod())).contains(row);
        }
    }

    @Test
    void theCustomRoleIsTheSetOfPermissionsAndOnlyReads() {
        assertThat(GcpSweepOperation.permissions()).containsExactly("cloudkms.cryptoKeyVersions.list",
                "cloudkms.cryptoKeys.get", "cloudkms.cryptoKeys.list", "cloudkms.keyRings.list", "cloudkms.locations.list",
                "resourcemanager.folders.list", "resourcemanager.projects.list");
        assertThat(GcpSweepOperation.permissions()).allSatisfy(p -> assertThat(p).matches(".*\\.(list|get)"));
        assertThat(GcpSweepOperation.ofGrpcMethod("google.cloud.kms.v1.KeyManagementService/Decrypt")).isEmpty();
    }

    @Test
    void aProjectsRoleHoldsTheKeyReadsAndOnlyTheOrganisationsTheProjectListings() {
        assertThat(GcpSweepOperation.projectPermissions()).containsExactly("cloudkms.cryptoKeyVersions.list",
                "cloudkms.cryptoKeys.get", "cloudkms.cryptoKeys.list", "cloudkms.keyRings.list", "cloudkms.locations.list");
        assertThat(Arrays.stream(GcpSweepOperation.values()).filter(r -> !r.grantableInProject()))
                .containsExactly(GcpSweepOperation.LIST_PROJECTS, GcpSweepOperation.LIST_FOLDERS);
    }

    @Test
    void onlyCloudKmsMethodsCountAgainstItsReadQuota() {
        assertThat(Arrays.stream(GcpSweepOperation.values()).filter(GcpSweepOperation::meteredByCloudKms))
                .containsExactlyInAnyOrder(GcpSweepOperation.LIST_KEY_RINGS, GcpSweepOperation.LIST_CRYPTO_KEYS,
                        GcpSweepOperation.LIST_CRYPTO_KEY_VERSIONS, GcpSweepOperation.GET_CRYPTO_KEY,
                        GcpSweepOperation.LIST_LOCATIONS);
    }
}
