package io.keyledger.aws.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.AiUsageCategory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which AWS services a KMS call came from, and for what AI usage, read from the calling service
 * ({@code userIdentity.invokedBy}), a service host name in {@code sourceIPAddress} or {@code userAgent},
 * the names (never the values) of the encryption context, the caller's role name, and for a grant its
 * grantee. See {@link AwsServiceTable}.
 */
record CallerUsage(Set<String> services, Set<AiUsageCategory> categories) {

    private static final String LAMBDA_RUNTIME = "exec-env/AWS_Lambda";

    /** The services and categories a CloudTrail record shows. */
    static CallerUsage of(RecordFields record) {
        // Plain ifs rather than lambdas that capture the sets: this runs for every use read.
        Set<String> services = new TreeSet<>();
        Set<AiUsageCategory> categories = new TreeSet<>();
        Optional<RecordFields> identity = record.object("userIdentity");
        if (identity.isPresent()) {
            addServiceOfHost(identity.get().text("invokedBy"), services);
        }
        addServiceOfHost(record.text("sourceIPAddress"), services);
        Optional<String> agent = record.text("userAgent");
        addServiceOfHost(agent, services);
        if (agent.isPresent() && agent.get().contains(LAMBDA_RUNTIME)) {
            services.add("lambda");
        }
        Optional<String> role = identity.flatMap(CallerUsage::roleName);
        if (role.isPresent()) {
            byRole(role.get(), services, categories);
        }

        Optional<RecordFields> request = record.object("requestParameters");
        List<String> contextKeys = request.isPresent() ? contextKeys(request.get()) : List.of();
        for (String key : contextKeys) {
            Optional<String> service = AwsServiceTable.serviceOfContextKey(key);
            if (service.isPresent()) {
                services.add(service.get());
            }
        }
        if (request.isPresent()) {
            addServiceOfHost(request.get().text("granteePrincipal"), services);
        }

        services.remove("kms");
        for (String service : services) {
            if (AwsServiceTable.SERVICE_CATEGORIES.containsKey(service)) {
                categories.add(AwsServiceTable.SERVICE_CATEGORIES.get(service));
            }
        }
        categoriesOfContext(contextKeys, categories);
        return new CallerUsage(services, categories);
    }

    private static void addServiceOfHost(Optional<String> host, Set<String> services) {
        if (host.isPresent()) {
            Optional<String> service = AwsServiceTable.serviceOfHost(host.get());
            if (service.isPresent()) {
                services.add(service.get());
            }
        }
    }

    /** The categories context keys show: every rule of the key's service whose words the key holds. */
    private static void categoriesOfContext(List<String> contextKeys, Set<AiUsageCategory> categories) {
        for (String key : contextKeys) {
            Optional<String> service = AwsServiceTable.serviceOfContextKey(key);
            if (service.isEmpty()) {
                continue;
            }
            String rest = null;
            for (AwsServiceTable.CategoryRule rule : AwsServiceTable.CATEGORY_RULES) {
                if (service.get().equals(rule.service())) {
                    // Only the keys of a service with rules are read further (most keys are a customer's own).
                    rest = rest != null ? rest : AwsServiceTable.contextKeyRest(key);
                    for (String word : rule.words()) {
                        if (rest.contains(word)) {
                            categories.add(rule.category());
                            break;
                        }
                    }
                }
            }
        }
    }

    /**
     * The services and categories of a key's grants as ListGrants lists them: each grantee or retiring
     * principal that is a service, or a service's execution role, and the context keys of the constraints.
     */
    static CallerUsage ofGrants(List<String> principals, List<String> contextKeys) {
        Set<String> services = new TreeSet<>();
        Set<AiUsageCategory> categories = new TreeSet<>();
        for (String p : principals) {
            AwsServiceTable.serviceOfHost(p).ifPresent(services::add);
            if (p.contains(":role/")) {
                String path = p.substring(p.indexOf(":role/") + ":role/".length());
                byRole(path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path, services, categories);
            }
        }
        for (String key : contextKeys) {
            AwsServiceTable.serviceOfContextKey(key).ifPresent(services::add);
        }
        services.remove("kms");
        for (String service : services) {
            if (AwsServiceTable.SERVICE_CATEGORIES.containsKey(service)) {
                categories.add(AwsServiceTable.SERVICE_CATEGORIES.get(service));
            }
        }
        categoriesOfContext(contextKeys, categories);
        return new CallerUsage(services, categories);
    }

    /** The context names of a call: its encryption context, or a grant's context constraints. */
    private static List<String> contextKeys(RecordFields request) {
        List<String> keys = new java.util.ArrayList<>(request.memberNames("encryptionContext"));
        Optional<RecordFields> constraints = request.object("constraints");
        if (constraints.isPresent()) {
            keys.addAll(constraints.get().memberNames("encryptionContextSubset"));
            keys.addAll(constraints.get().memberNames("encryptionContextEquals"));
        }
        return keys;
    }

    /** The role name of an assumed role ({@code arn:aws:sts::<acct>:assumed-role/<name>/<session>}). */
    private static Optional<String> roleName(RecordFields identity) {
        Optional<String> issuer = identity.object("sessionContext").flatMap(c -> c.object("sessionIssuer"))
                .flatMap(i -> i.text("userName"));
        if (issuer.isPresent()) {
            return issuer;
        }
        return identity.text("arn").filter(a -> a.contains(":assumed-role/"))
                .map(a -> a.substring(a.indexOf(":assumed-role/") + ":assumed-role/".length()))
                .map(rest -> rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
    }

    private static void byRole(String role, Set<String> services, Set<AiUsageCategory> categories) {
        for (AwsServiceTable.RoleRule rule : AwsServiceTable.ROLE_RULES) {
            if (role.startsWith(rule.prefix())) {
                services.add(rule.service());
                rule.category().ifPresent(categories::add);
                return;
            }
        }
    }

    /** The usage attributes: {@code usage.service}, {@code usage.aiService}, {@code usage.aiCategory}. */
    Map<String, String> attributes() {
        // loops, not streams: this runs for every use read
        StringBuilder plain = new StringBuilder();
        StringBuilder ai = new StringBuilder();
        for (String service : services) {
            StringBuilder to = AwsServiceTable.isAiService(service) ? ai : plain;
            if (to.length() > 0) {
                to.append(',');
            }
            to.append(AwsServiceTable.principalOf(service));
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (plain.length() > 0) {
            out.put(KeyAttribute.USED_BY_SERVICE.wireName(), plain.toString());
        }
        if (ai.length() > 0) {
            out.put(KeyAttribute.USED_BY_AI_SERVICE.wireName(), ai.toString());
        }
        if (!categories.isEmpty()) {
            StringBuilder c = new StringBuilder();
            for (AiUsageCategory category : categories) {
                if (c.length() > 0) {
                    c.append(',');
                }
                c.append(category.name());
            }
            out.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(), c.toString());
        }
        return out;
    }
}
