package io.keyledger.gcp.format;

import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The actor of an audit log entry: {@code authenticationInfo} (principal and delegation chain) and
 * {@code requestMetadata} (caller IP and user agent).
 */
final class AuditActors {

    private AuditActors() {
    }

    /** The actor; {@code field} is the path of the AuditLog payload, for messages. */
    static Actor of(JsonNode payload, String field) {
        Optional<JsonNode> auth = JsonFields.object(payload, "authenticationInfo", field + "authenticationInfo");
        String authField = field + "authenticationInfo.";
        Optional<String> principal = auth.flatMap(a -> JsonFields.text(a, "principalEmail", authField + "principalEmail")
                .or(() -> JsonFields.text(a, "principalSubject", authField + "principalSubject")));
        Optional<JsonNode> request = JsonFields.object(payload, "requestMetadata", field + "requestMetadata");
        String requestField = field + "requestMetadata.";
        Optional<String> ip = request.flatMap(r -> JsonFields.text(r, "callerIp", requestField + "callerIp")
                .or(() -> JsonFields.text(r, "callerIP", requestField + "callerIP")));
        Optional<String> agent = request.flatMap(r -> JsonFields.text(r, "callerSuppliedUserAgent",
                requestField + "callerSuppliedUserAgent"));
        Optional<String> invokedBy = auth.flatMap(a -> delegationChain(a, authField).stream().findFirst());
        return new Actor(principal.orElse("unknown"), type(principal), ip, agent, invokedBy);
    }

    /**
     * The principals of the delegation chain, first the one that started it: a caller that impersonated
     * the service account which then called Cloud KMS.
     */
    static List<String> delegationChain(JsonNode auth, String field) {
        List<String> out = new ArrayList<>();
        Optional<JsonNode> chain = JsonFields.array(auth, "serviceAccountDelegationInfo",
                field + "serviceAccountDelegationInfo");
        if (chain.isEmpty()) {
            return out;
        }
        for (int i = 0; i < chain.get().size(); i++) {
            JsonNode link = chain.get().get(i);
            String at = field + "serviceAccountDelegationInfo[" + i + "]";
            if (!link.isObject()) {
                throw new FieldException(at, "expected an object, was " + JsonFields.kind(link));
            }
            JsonFields.object(link, "firstPartyPrincipal", at + ".firstPartyPrincipal")
                    .flatMap(p -> JsonFields.text(p, "principalEmail", at + ".firstPartyPrincipal.principalEmail"))
                    .or(() -> JsonFields.text(link, "principalSubject", at + ".principalSubject"))
                    .ifPresent(out::add);
        }
        return out;
    }

    /**
     * Service accounts (service agents included) are services; workload identity federation principals
     * ({@code principal://...}) are roles: identities of outside workloads; other e-mails are users.
     */
    static ActorType type(Optional<String> principal) {
        if (principal.isEmpty()) {
            return ActorType.UNKNOWN;
        }
        String p = principal.get().toLowerCase(Locale.ROOT);
        if (p.endsWith(".gserviceaccount.com") || p.startsWith("serviceaccount:")) {
            return ActorType.SERVICE;
        }
        if (p.startsWith("principal://") || p.startsWith("principalset://")) {
            return ActorType.ROLE;
        }
        return p.contains("@") ? ActorType.USER : ActorType.UNKNOWN;
    }
}
