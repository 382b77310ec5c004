package io.keyledger.gcp.ledger;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every Google Cloud API method the ledger's Google side sends, in one table, with what it is for: signing with
 * the Cloud KMS ledger key version ({@link CloudKmsSigner}) and reading its public key. The ledger's Cloud KMS
 * client refuses a method without a row ({@link LedgerOperationCheck}), and the Terraform configuration (module
 * {@code infra}) grants each function's service account the permissions of its purposes on the ledger key alone:
 * a writer of the store is never granted {@link Purpose#SIGN}. Nothing here touches a Google client library.
 */
public enum GcpLedgerOperation {
    ASYMMETRIC_SIGN(Purpose.SIGN, "cloudkms", "google.cloud.kms.v1.KeyManagementService", "AsymmetricSign",
            "cloudkms.cryptoKeyVersions.useToSign"),
    GET_PUBLIC_KEY(Purpose.VERIFY, "cloudkms", "google.cloud.kms.v1.KeyManagementService", "GetPublicKey",
            "cloudkms.cryptoKeyVersions.viewPublicKey");

    /** What a method is sent for; each function is granted the purposes its role has. */
    public enum Purpose {
        /** Signing checkpoints, purge attestations and segments: the signing and maintenance functions only. */
        SIGN,
        /** Verifying: the ledger key's public key. */
        VERIFY
    }

    private final Purpose purpose;
    private final String grpcService;
    private final ApiOperation operation;

    GcpLedgerOperation(Purpose purpose, String service, String grpcService, String name, String permission) {
        this.purpose = purpose;
        this.grpcService = grpcService;
        this.operation = new ApiOperation(Provider.GCP, service, name, permission, true);
    }

    public Purpose purpose() {
        return purpose;
    }

    public ApiOperation operation() {
        return operation;
    }

    /** The IAM permission the caller needs on the ledger key. */
    public String permission() {
        return operation.permission();
    }

    /** The full gRPC method name ({@code google.cloud.kms.v1.KeyManagementService/AsymmetricSign}). */
    public String grpcMethod() {
        return grpcService + "/" + operation.name();
    }

    /** The rows of these purposes, in the table's order. */
    public static List<GcpLedgerOperation> of(List<Purpose> purposes) {
        return Arrays.stream(values()).filter(o -> purposes.contains(o.purpose)).toList();
    }

    /** The permissions of the rows of these purposes, sorted, each once. */
    public static Set<String> permissions(List<Purpose> purposes) {
        Set<String> out = new TreeSet<>();
        of(purposes).forEach(o -> out.add(o.permission()));
        return Collections.unmodifiableSet(out);
    }

    /** The row of a full gRPC method name, if the ledger declares it. */
    public static Optional<GcpLedgerOperation> ofGrpcMethod(String fullMethodName) {
        return Arrays.stream(values()).filter(o -> o.grpcMethod().equals(fullMethodName)).findFirst();
    }
}
