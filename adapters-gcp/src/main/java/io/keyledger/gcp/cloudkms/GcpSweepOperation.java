package io.keyledger.gcp.cloudkms;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every Google Cloud API method a sweep sends, in one table: the Cloud KMS reads of the key source
 * ({@link CloudKmsKeySource}), the KMS Inventory read of what a key protects, and the calls of the scope
 * discovery ({@link GcpSweepScopes}) that finds the projects and locations to sweep. Each row names the gRPC
 * method, the method as the API reference and audit logs name it, and the IAM permission it needs.
 *
 * <p>Every request of the sweep is sent under its row: the clients the sweep builds refuse, before sending, any
 * gRPC method that has none ({@link DeclaredOperationCheck}), so a call cannot be added without being declared
 * here. The deployment's custom role is the set of these permissions ({@link #permissions()}); nothing here
 * touches a Google client library, so the deployment's checks can read it without one.
 *
 * <p>Cloud KMS meters reads per project: {@value io.keyledger.core.sweep.PacingPolicy#GCP_READS_PER_MINUTE} a
 * minute by default, every read method and location alike ({@link #meteredByCloudKms()}).
 */
public enum GcpSweepOperation {
    LIST_KEY_RINGS(Purpose.READ_KEYS, "cloudkms", "google.cloud.kms.v1.KeyManagementService", "ListKeyRings",
            "cloudkms.keyRings.list", true),
    LIST_CRYPTO_KEYS(Purpose.READ_KEYS, "cloudkms", "google.cloud.kms.v1.KeyManagementService", "ListCryptoKeys",
            "cloudkms.cryptoKeys.list", true),
    LIST_CRYPTO_KEY_VERSIONS(Purpose.READ_KEYS, "cloudkms", "google.cloud.kms.v1.KeyManagementService",
            "ListCryptoKeyVersions", "cloudkms.cryptoKeyVersions.list", true),
    /** A direct read of one key: the sweep's check of a key the listing did not show. */
    GET_CRYPTO_KEY(Purpose.READ_KEYS, "cloudkms", "google.cloud.kms.v1.KeyManagementService", "GetCryptoKey",
            "cloudkms.cryptoKeys.get", true),
    /** What a key protects; only when protected resources are read (KMS Inventory asks for the key's get permission). */
    GET_PROTECTED_RESOURCES_SUMMARY(Purpose.READ_USAGE, "kmsinventory", "google.cloud.kms.inventory.v1.KeyTrackingService",
            "GetProtectedResourcesSummary", "cloudkms.cryptoKeys.get", true),
    /** Only when no locations are configured: the locations where Cloud KMS is offered to the project. */
    LIST_LOCATIONS(Purpose.FIND_SCOPES, "cloudkms", "google.cloud.location.Locations", "ListLocations",
            "cloudkms.locations.list", true),
    /** Only when an organisation or folder is configured instead of projects. */
    LIST_PROJECTS(Purpose.FIND_SCOPES, "cloudresourcemanager", "google.cloud.resourcemanager.v3.Projects", "ListProjects",
            "resourcemanager.projects.list", true),
    /** Only when an organisation or folder is configured: the folders whose projects are swept too. */
    LIST_FOLDERS(Purpose.FIND_SCOPES, "cloudresourcemanager", "google.cloud.resourcemanager.v3.Folders", "ListFolders",
            "resourcemanager.folders.list", true);

    /** What the sweep sends a method for. */
    public enum Purpose {
        /** The key source: one project and location's key rings, keys and versions. */
        READ_KEYS,
        /** The key source, when asked: what each key protects (KMS Inventory). */
        READ_USAGE,
        /** The scope discovery: the projects of an organisation or folder, and each project's locations. */
        FIND_SCOPES
    }

    private final Purpose purpose;
    private final String grpcService;
    private final ApiOperation operation;

    GcpSweepOperation(Purpose purpose, String service, String grpcService, String name, String permission,
                      boolean resourceLevel) {
        this.purpose = purpose;
        this.grpcService = grpcService;
        this.operation = new ApiOperation(Provider.GCP, service, name, permission, resourceLevel);
    }

    public Purpose purpose() {
        return purpose;
    }

    /** The method, its IAM permission ({@code cloudkms.cryptoKeys.list}) and whether it can be granted per resource. */
    public ApiOperation operation() {
        return operation;
    }

    /** The method's name as the API reference and Cloud Audit Logs name it ({@code ListCryptoKeys}). */
    public String methodName() {
        return operation.name();
    }

    /** The IAM permission the caller needs. */
    public String permission() {
        return operation.permission();
    }

    /** The full gRPC method name ({@code google.cloud.kms.v1.KeyManagementService/ListCryptoKeys}). */
    public String grpcMethod() {
        return grpcService + "/" + operation.name();
    }

    /**
     * Whether a project's custom role can grant the method: Cloud KMS's and KMS Inventory's reads can; Resource
     * Manager's listings of an organisation's or folder's projects and folders are granted on the organisation or
     * folder, by an organisation's custom role.
     */
    public boolean grantableInProject() {
        return !operation.service().equals("cloudresourcemanager");
    }

    /** The IAM permissions of the rows a project's custom role can grant, sorted, each once. */
    public static Set<String> projectPermissions() {
        Set<String> out = new java.util.TreeSet<>();
        Arrays.stream(values()).filter(GcpSweepOperation::grantableInProject).forEach(r -> out.add(r.permission()));
        return Collections.unmodifiableSet(out);
    }

    /** Whether Cloud KMS counts the method against the project's read quota. */
    public boolean meteredByCloudKms() {
        return operation.service().equals("cloudkms");
    }

    /** The rows sent for {@code purpose}, in the table's order. */
    public static List<GcpSweepOperation> of(Purpose purpose) {
        return Arrays.stream(values()).filter(o -> o.purpose == purpose).toList();
    }

    /** The row of a full gRPC method name, if the sweep declares it. */
    public static Optional<GcpSweepOperation> ofGrpcMethod(String fullMethodName) {
        return Arrays.stream(values()).filter(o -> o.grpcMethod().equals(fullMethodName)).findFirst();
    }

    /** The operations of the rows, in the table's order. */
    public static Set<ApiOperation> operations(List<GcpSweepOperation> rows) {
        Set<ApiOperation> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(r.operation));
        return Collections.unmodifiableSet(out);
    }

    /** Every operation a sweep may send. */
    public static Set<ApiOperation> operations() {
        return operations(List.of(values()));
    }

    /** The IAM permissions of every row, sorted, each once: the sweep's custom role. */
    public static Set<String> permissions() {
        Set<String> out = new java.util.TreeSet<>();
        Arrays.stream(values()).forEach(r -> out.add(r.permission()));
        return Collections.unmodifiableSet(out);
    }
}
