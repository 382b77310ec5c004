package io.keyledger.gcp.format;

import io.keyledger.core.event.Actor;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One audited Cloud KMS call, as much of it as the operations need: the method, the resource, the
 * request and response (never copied, only read field by field), and the actor.
 *
 * @param method     the method, if KeyLedger knows it
 * @param methodName the bare method name, as the event's operation
 * @param request    {@code protoPayload.request}, or a missing node
 * @param response   {@code protoPayload.response}, or a missing node
 * @param resourceName {@code protoPayload.resourceName} as written
 * @param resource   {@code protoPayload.resourceName}, or the log entry's resource labels
 * @param projectId  the project id of the log entry's resource, to replace project numbers in names
 * @param field      the path of the AuditLog payload in the record, for messages ("protoPayload.")
 */
record KmsCall(Optional<KmsMethod> method, String methodName, JsonNode request, JsonNode response,
               Optional<String> resourceName, Optional<KmsResourceName> resource, Optional<String> projectId, Actor actor,
               List<String> delegationChain, String field) {

    static JsonNode orMissing(Optional<JsonNode> node) {
        return node.orElse(MissingNode.getInstance());
    }

    String requestField(String name) {
        return field + "request." + name;
    }

    String responseField(String name) {
        return field + "response." + name;
    }

    /** A resource name found in {@code node.name} (or another property), in the entry's project. */
    Optional<KmsResourceName> name(JsonNode node, String property, String fieldPath) {
        return JsonFields.text(node, property, fieldPath).map(text -> canonical(KmsResourceName.parse(text)
                .orElseThrow(() -> new FieldException(fieldPath, "not a Cloud KMS resource name: '" + text + "'"))));
    }

    /** The resource name with a project number replaced by the project id the log entry names. */
    KmsResourceName canonical(KmsResourceName name) {
        return name.withProjectId(projectId);
    }

    /** Whether the response carries a resource (audit logs may leave it out). */
    boolean hasResponse(String property) {
        return response.isObject() && response.has(property);
    }

    /** The key the resource names, if it names one. */
    Optional<KmsResourceName> resourceKey() {
        return resource.filter(KmsResourceName::isKey);
    }

    FieldException noKey() {
        return new FieldException(field + "resourceName", resourceName.map(r -> "names no CryptoKey: '" + r + "'")
                .orElse("missing, and the log entry's resource names no CryptoKey"));
    }
}
