package io.keyledger.gcp.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.KeyAttribute;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The usage attributes of a Cloud KMS call: which services use the key, and for what AI workload, as
 * {@link ServiceAgents} tells from the service agents among the caller, its delegation chain, or the
 * members of a new IAM policy.
 */
final class UsageDetection {

    private UsageDetection() {
    }

    /** A cryptographic use: its principal, and the service of the first service agent among the callers. */
    static Map<String, String> ofUse(KmsCall call) {
        Map<String, String> attributes = new LinkedHashMap<>();
        String principal = call.actor().principal();
        if (!"unknown".equals(principal)) {
            attributes.put(KeyAttribute.USED_BY_PRINCIPAL.wireName(), principal);
        }
        Services services = new Services();
        ServiceAgents.of(principal).or(() -> call.delegationChain().stream()
                .map(ServiceAgents::of).flatMap(Optional::stream).findFirst()).ifPresent(services::add);
        services.putInto(attributes);
        return attributes;
    }

    /**
     * A new IAM policy of a key: the services whose service agents it names may now use the key. Only
     * the members are read, and of them only the service agents' services are kept.
     */
    static Map<String, String> ofPolicy(KmsCall call) {
        List<RecordFields> bindings = call.request().object("policy").map(p -> p.objects("bindings"))
                .orElse(List.of());
        Services services = new Services();
        for (RecordFields binding : bindings) {
            for (String m : binding.texts("members")) {
                if (m.startsWith("serviceAccount:")) {
                    ServiceAgents.of(m.substring("serviceAccount:".length())).ifPresent(services::add);
                }
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        services.putInto(attributes);
        return attributes;
    }

    /** Services found for one event, with their AI categories. */
    private static final class Services {
        private final Set<String> plain = new LinkedHashSet<>();
        private final Set<String> ai = new LinkedHashSet<>();
        private final Set<String> categories = new TreeSet<>();

        void add(ServiceAgents.Agent agent) {
            (agent.ai() ? ai : plain).add(agent.service());
            agent.categories().forEach(c -> categories.add(c.name()));
        }

        void putInto(Map<String, String> attributes) {
            if (!plain.isEmpty()) {
                attributes.put(KeyAttribute.USED_BY_SERVICE.wireName(), String.join(",", plain));
            }
            if (!ai.isEmpty()) {
                attributes.put(KeyAttribute.USED_BY_AI_SERVICE.wireName(), String.join(",", ai));
            }
            if (!categories.isEmpty()) {
                attributes.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(), String.join(",", categories));
            }
        }
    }
}
