package io.keyledger.aws.format;

import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.KeyAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a KMS key policy document says about who may manage and use the key, read the same from a
 * PutKeyPolicy or CreateKey record (CloudTrail keeps the policy as text in {@code requestParameters.policy})
 * and from a sweep's GetKeyPolicy.
 *
 * <ul>
 *   <li><b>Lock-out risk</b>: no Allow statement lets a principal of the key's own account (its root, a role
 *       or user of it, or {@code *}) call {@code kms:PutKeyPolicy}, or an unconditional Deny takes that
 *       from everyone: then nobody may be able to manage the key any more (AWS's key policy lock-out
 *       safety check, which {@code BypassPolicyLockoutSafetyCheck} skips). Conditions on an Allow are not
 *       weighed: a conditional grant to the account's administrators counts as a grant.</li>
 *   <li><b>External principals</b>: AWS principals of other accounts, and {@code *} (anyone), that an
 *       Allow statement names.</li>
 *   <li><b>Services</b>: service principals an Allow statement names ({@code logs.amazonaws.com}).</li>
 * </ul>
 *
 * @param lockoutRisk        whether the account's own administrators can no longer manage the key
 * @param externalPrincipals principals of other accounts, or {@code *}
 * @param services           service principals the policy lets use the key
 */
public record KeyPolicyAnalysis(boolean lockoutRisk, Set<String> externalPrincipals, Set<String> services) {

    /** The longest policy KMS accepts is 32 KiB: a longer text is not a key policy. */
    static final int MAX_POLICY_CHARS = 32 * 1024;

    private static final Pattern ACCOUNT_ARN = Pattern.compile("arn:aws[a-z-]*:(?:iam|sts)::(\\d{12}):.*");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public KeyPolicyAnalysis {
        externalPrincipals = Set.copyOf(new TreeSet<>(externalPrincipals));
        services = Set.copyOf(new TreeSet<>(services));
    }

    /**
     * Reads a key policy of a key of {@code account}; empty when the text is not a policy document (not
     * JSON, too long, or without statements), which then says nothing.
     */
    public static Optional<KeyPolicyAnalysis> of(String policy, String account) {
        if (policy == null || policy.isBlank() || policy.length() > MAX_POLICY_CHARS) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(policy);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        JsonNode statements = root == null ? null : root.get("Statement");
        if (statements == null || !(statements.isArray() || statements.isObject())) {
            return Optional.empty();
        }
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.values().forEach(list::add);
        } else {
            list.add(statements);
        }
        boolean adminMayManage = false;
        boolean managementDenied = false;
        Set<String> external = new TreeSet<>();
        Set<String> services = new TreeSet<>();
        for (JsonNode s : list) {
            if (!s.isObject()) {
                continue;
            }
            String effect = s.path("Effect").asString("");
            Principals p = principals(s.get("Principal"));
            boolean managesPolicy = grantsPutKeyPolicy(s);
            if ("Allow".equals(effect)) {
                for (String aws : p.aws) {
                    Optional<String> of = accountOf(aws);
                    if (aws.equals("*") || of.filter(account::equals).isPresent()) {
                        adminMayManage |= managesPolicy;
                    }
                    if (aws.equals("*") || of.filter(a -> !a.equals(account)).isPresent()) {
                        external.add(aws);
                    }
                }
                services.addAll(p.services);
            } else if ("Deny".equals(effect) && managesPolicy && s.get("Condition") == null
                    && (p.aws.contains("*") || p.aws.stream().anyMatch(a -> accountOf(a).filter(account::equals)
                    .filter(x -> a.endsWith(":root") || ACCOUNT_ID.matcher(a).matches()).isPresent()))) {
                managementDenied = true;
            }
        }
        return Optional.of(new KeyPolicyAnalysis(!adminMayManage || managementDenied, external, services));
    }

    /** {@code policy.lockoutRisk}, {@code access.externalPrincipals} and {@code access.model}. */
    public Map<String, String> attributes() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(KeyAttribute.POLICY_LOCKOUT_RISK.wireName(), Boolean.toString(lockoutRisk));
        out.put(KeyAttribute.ACCESS_EXTERNAL_PRINCIPALS.wireName(), String.join(",",
                new TreeSet<>(externalPrincipals).stream().limit(KeyAccess.LISTED).toList()));
        out.put(KeyAttribute.ACCESS_MODEL.wireName(), "key-policy");
        return out;
    }

    private record Principals(Set<String> aws, Set<String> services) {
    }

    /** {@code "*"}, or {@code {"AWS": ..., "Service": ...}} with a text or a list each. */
    private static Principals principals(JsonNode principal) {
        Set<String> aws = new TreeSet<>();
        Set<String> services = new TreeSet<>();
        if (principal == null) {
            return new Principals(aws, services);
        }
        if (principal.isString()) {
            if ("*".equals(principal.asString())) {
                aws.add("*");
            }
            return new Principals(aws, services);
        }
        texts(principal.get("AWS")).forEach(aws::add);
        texts(principal.get("Service")).forEach(services::add);
        return new Principals(aws, services);
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isString()) {
            out.add(n.asString().trim());
        } else if (n.isArray()) {
            n.values().forEach(v -> {
                if (v.isString()) {
                    out.add(v.asString().trim());
                }
            });
        }
        return out;
    }

    private static Optional<String> accountOf(String principal) {
        if (ACCOUNT_ID.matcher(principal).matches()) {
            return Optional.of(principal);
        }
        Matcher m = ACCOUNT_ARN.matcher(principal);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether the statement's Action (or NotAction) covers kms:PutKeyPolicy. */
    private static boolean grantsPutKeyPolicy(JsonNode s) {
        List<String> actions = texts(s.get("Action"));
        if (!actions.isEmpty()) {
            return actions.stream().anyMatch(KeyPolicyAnalysis::coversPutKeyPolicy);
        }
        List<String> notActions = texts(s.get("NotAction"));
        return !notActions.isEmpty() && notActions.stream().noneMatch(KeyPolicyAnalysis::coversPutKeyPolicy);
    }

    private static boolean coversPutKeyPolicy(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        String regex = Pattern.quote(a).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return "kms:putkeypolicy".matches(regex);
    }
}
