package io.keyledger.infra.gcp;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Google Cloud operations the sweep sends, from which the deployment's custom role is derived
 * ({@code code-declarations.json}, {@link CodeDeclarations}). This list stands in for the declaration of the
 * Cloud KMS key source and its scope discovery ({@code io.keyledger.gcp.cloudkms.GcpSweepOperation}), which is
 * to replace it: {@link #DECLARED} is the one place that names them, and the tests hold the Terraform role
 * against it. Read-only operations only: listing and reading key metadata, listing projects.
 */
public final class SweepOperations {

    /** What the sweep reads in each project swept: the Cloud KMS key metadata. */
    public static final List<ApiOperation> PROJECT_READS = List.of(
            gcp("cloudkms", "ListLocations", "cloudkms.locations.list"),
            gcp("cloudkms", "ListKeyRings", "cloudkms.keyRings.list"),
            gcp("cloudkms", "ListCryptoKeys", "cloudkms.cryptoKeys.list"),
            gcp("cloudkms", "GetCryptoKey", "cloudkms.cryptoKeys.get"),
            gcp("cloudkms", "ListCryptoKeyVersions", "cloudkms.cryptoKeyVersions.list"),
            gcp("cloudkms", "GetCryptoKeyVersion", "cloudkms.cryptoKeyVersions.get"));

    /**
     * What the scope discovery reads in an organisation or folder: its projects, and the KMS Inventory's
     * protected resources. Granted only with the organisation's role: a project's custom role cannot hold them.
     */
    public static final List<ApiOperation> DISCOVERY = List.of(
            gcp("cloudresourcemanager", "ListProjects", "resourcemanager.projects.list"),
            gcp("cloudresourcemanager", "GetProject", "resourcemanager.projects.get"),
            gcp("kmsinventory", "SearchProtectedResources", "cloudkms.protectedResources.search"));

    /** Every operation of the sweep and its scope discovery, with the permission it needs. */
    public static final List<ApiOperation> DECLARED = concat(PROJECT_READS, DISCOVERY);

    private SweepOperations() {
    }

    /** The permissions of the project reads, sorted and distinct: the project's custom role. */
    public static List<String> projectPermissions() {
        return permissions(PROJECT_READS);
    }

    /** The permissions of the discovery, sorted and distinct: added to the organisation's custom role. */
    public static List<String> discoveryPermissions() {
        return permissions(DISCOVERY);
    }

    /** Every declared permission, sorted and distinct. */
    public static List<String> permissions() {
        return permissions(DECLARED);
    }

    private static List<String> permissions(List<ApiOperation> operations) {
        Set<String> out = new TreeSet<>();
        operations.forEach(op -> out.add(op.permission()));
        return List.copyOf(out);
    }

    private static List<ApiOperation> concat(List<ApiOperation> a, List<ApiOperation> b) {
        List<ApiOperation> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    private static ApiOperation gcp(String service, String name, String permission) {
        return new ApiOperation(Provider.GCP, service, name, permission, true);
    }
}
