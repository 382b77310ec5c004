package io.keyledger.gcp.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.Actor;
import io.keyledger.core.json.RecordFormatException;
import java.util.List;
import java.util.Optional;

/**
 * One audited Cloud KMS call, as much of it as the operations need: the method, the resource, the
 * request and response (never copied, only read field by field), and the actor.
 *
 * @param method     the method, if KeyLedger knows it
 * @param methodName the bare method name, as the event's operation
 * @param payload    the AuditLog payload ({@code protoPayload}), for the names of its fields
 * @param request    {@code protoPayload.request}, or an empty object
 * @param response   {@code protoPayload.response}, or an empty object
 * @param resourceName {@code protoPayload.resourceName} as written
 * @param resource   {@code protoPayload.resourceName}, or the log entry's resource labels
 * @param projectId  the project id of the log entry's resource, to replace project numbers in names
 */
record KmsCall(Optional<KmsMethod> method, String methodName, RecordFields payload, RecordFields request,
               RecordFields response, Optional<String> resourceName, Optional<KmsResourceName> resource,
               Optional<String> projectId, Actor actor, List<String> delegationChain) {

    /** A resource name found in {@code node.name} (or another property), in the entry's project. */
    Optional<KmsResourceName> name(RecordFields node, String property) {
        return node.text(property).map(text -> canonical(KmsResourceName.parse(text)
                .orElseThrow(() -> new RecordFormatException(node.pathOf(property),
                        "not a Cloud KMS resource name: '" + text + "'"))));
    }

    /** The resource name with a project number replaced by the project id the log entry names. */
    KmsResourceName canonical(KmsResourceName name) {
        return name.withProjectId(projectId);
    }

    /** Whether the response carries a resource (audit logs may leave it out). */
    boolean hasResponse(String property) {
        return response.has(property);
    }

    /** The key the resource names, if it names one. */
    Optional<KmsResourceName> resourceKey() {
        return resource.filter(KmsResourceName::isKey);
    }

    RecordFormatException noKey() {
        return new RecordFormatException(payload.pathOf("resourceName"), resourceName
                .map(r -> "names no CryptoKey: '" + r + "'")
                .orElse("missing, and the log entry's resource names no CryptoKey"));
    }
}
