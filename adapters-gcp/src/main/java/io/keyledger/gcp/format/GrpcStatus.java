package io.keyledger.gcp.format;

import java.util.List;

/** The canonical gRPC status code names that Cloud Audit Logs give as numbers in {@code status.code}. */
final class GrpcStatus {

    private static final List<String> NAMES = List.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
            "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
            "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE",
            "DATA_LOSS", "UNAUTHENTICATED");

    private GrpcStatus() {
    }

    static String name(long code) {
        return code >= 0 && code < NAMES.size() ? NAMES.get((int) code) : "CODE_" + code;
    }
}
