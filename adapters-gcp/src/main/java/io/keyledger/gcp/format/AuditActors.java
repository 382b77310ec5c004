package io.keyledger.gcp.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The actor of an audit log entry: {@code authenticationInfo} (principal and delegation chain) and
 * {@code requestMetadata} (caller IP and user agent).
 */
final class AuditActors {

    private AuditActors() {
    }

    /** The actor of the AuditLog payload. */
    static Actor of(RecordFields payload) {
        Optional<RecordFields> auth = payload.object("authenticationInfo");
        Optional<String> principal = auth.flatMap(a -> a.text("principalEmail").or(() -> a.text("principalSubject")));
        Optional<RecordFields> request = payload.object("requestMetadata");
        Optional<String> ip = request.flatMap(r -> r.text("callerIp").or(() -> r.text("callerIP")));
        Optional<String> agent = request.flatMap(r -> r.text("callerSuppliedUserAgent"));
        Optional<String> invokedBy = auth.flatMap(a -> delegationChain(a).stream().findFirst());
        return new Actor(principal.orElse("unknown"), type(principal), ip, agent, invokedBy);
    }

    /**
     * The principals of the delegation chain, first the one that started it: a caller that impersonated
     * the service account which then called Cloud KMS.
     */
    static List<String> delegationChain(RecordFields auth) {
        List<String> out = new ArrayList<>();
        for (RecordFields link : auth.objects("serviceAccountDelegationInfo")) {
            link.object("firstPartyPrincipal").flatMap(p -> p.text("principalEmail"))
                    .or(() -> link.text("principalSubject"))
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
