package io.keyledger.aws.format;

import io.keyledger.core.key.AiUsageCategory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders the mapping tables of docs/providers/aws.md from the code that applies them
 * ({@link KmsOperation}, {@link KmsServiceEvent}, {@link KmsKeyState}, {@link KmsKeySpec}, {@link KmsOrigin},
 * {@link AwsServiceTable}). The doc holds each table between {@code <!-- BEGIN GENERATED name -->} and
 * {@code <!-- END GENERATED name -->}; a test asserts they are equal, so the doc cannot drift.
 */
public final class AwsMappingTable {

    private static final Pattern SECTION = Pattern.compile(
            "(<!-- BEGIN GENERATED ([a-z-]+) -->\\n)(.*?)(<!-- END GENERATED \\2 -->)", Pattern.DOTALL);

    private AwsMappingTable() {
    }

    /** Every generated section, by name. */
    public static Map<String, String> sections() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("aws-operations", operations());
        out.put("aws-kms-events", kmsEvents());
        out.put("aws-key-states", keyStates());
        out.put("aws-key-specs", keySpecs());
        out.put("aws-origins", origins());
        out.put("aws-usage", usage());
        return out;
    }

    /** The generated sections found in a document, by name. */
    public static Map<String, String> sectionsIn(String document) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(document);
        while (m.find()) {
            out.put(m.group(2), m.group(3));
        }
        return out;
    }

    /** {@code document} with every generated section replaced by what the code says now. */
    public static String regenerate(String document) {
        Map<String, String> now = sections();
        Matcher m = SECTION.matcher(document);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String body = now.getOrDefault(m.group(2), m.group(3));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + body + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String operations() {
        StringBuilder t = new StringBuilder();
        t.append("| CloudTrail `eventName` | becomes | action | KeyState after | lifecycle state | notes |\n");
        t.append("|---|---|---|---|---|---|\n");
        for (KmsOperation op : KmsOperation.values()) {
            t.append("| ").append(op.nativeName())
                    .append(" | ").append(disposition(op.disposition()))
                    .append(" | ").append(op.action().map(Enum::name).orElse("—"))
                    .append(" | ").append(op.nativeState().map(KmsKeyState::nativeName).orElse("—"))
                    .append(" | ").append(op.nativeState().map(s -> s.lifecycle().name())
                            .or(() -> op.action().flatMap(a -> a.resultingState()).map(Enum::name)).orElse("—"))
                    .append(" | ").append(op.note()).append(" |\n");
        }
        t.append("| any other KMS `eventName` | key event | UNCLASSIFIED | — | — | kept in history, changes nothing |\n");
        return t.toString();
    }

    private static String disposition(KmsOperation.Disposition d) {
        return switch (d) {
            case KEY_EVENT -> "key event";
            case USE -> "use";
            case KEY_STORE_CHANGE -> "key store change";
            case IGNORED -> "ignored";
        };
    }

    static String kmsEvents() {
        StringBuilder t = new StringBuilder();
        t.append("| EventBridge `detail-type` (source aws.kms) | action | KeyState after | lifecycle state | notes |\n");
        t.append("|---|---|---|---|---|\n");
        for (KmsServiceEvent e : KmsServiceEvent.values()) {
            t.append("| ").append(e.detailType())
                    .append(" | ").append(e.action().name())
                    .append(" | ").append(e.nativeState().map(KmsKeyState::nativeName).orElse("—"))
                    .append(" | ").append(e.nativeState().map(s -> s.lifecycle().name())
                            .or(() -> e.action().resultingState().map(Enum::name)).orElse("—"))
                    .append(" | ").append(e.note()).append(" |\n");
        }
        return t.toString();
    }

    static String keyStates() {
        StringBuilder t = new StringBuilder("| KMS `KeyState` | lifecycle state | notes |\n|---|---|---|\n");
        for (KmsKeyState s : KmsKeyState.values()) {
            t.append("| ").append(s.nativeName()).append(" | ").append(s.lifecycle().name())
                    .append(" | ").append(s.note()).append(" |\n");
        }
        t.append("| (deleted: DeleteKey, KMS CMK Deletion) | DESTROYED | no KeyState: the key no longer exists |\n");
        return t.toString();
    }

    static String keySpecs() {
        StringBuilder t = new StringBuilder("| KMS `KeySpec` | algorithm | kind |\n|---|---|---|\n");
        for (KmsKeySpec s : KmsKeySpec.values()) {
            t.append("| ").append(s.name()).append(" | ").append(s.algorithm()).append(" | ")
                    .append(s.kind().name()).append(" |\n");
        }
        return t.toString();
    }

    static String origins() {
        StringBuilder t = new StringBuilder("| KMS `Origin` | origin | protection | custom key store |\n|---|---|---|---|\n");
        for (KmsOrigin o : KmsOrigin.values()) {
            t.append("| ").append(o.name()).append(" | ").append(o.origin().name()).append(" | ")
                    .append(o.protection().name()).append(" | ").append(o.customKeyStore() ? "yes" : "no").append(" |\n");
        }
        return t.toString();
    }

    static String usage() {
        StringBuilder t = new StringBuilder();
        t.append("AI services (`usage.aiService`): ")
                .append(new TreeSet<>(AwsServiceTable.AI_SERVICES).stream().map(s -> "`" + s + "`")
                        .collect(Collectors.joining(", ")))
                .append(".\n\n");
        t.append("| encryption context key | service |\n|---|---|\n");
        t.append("| `aws:<service>:...` | `<service>.amazonaws.com` |\n");
        new java.util.TreeMap<>(AwsServiceTable.CONTEXT_SEGMENTS).forEach((segment, service) ->
                t.append("| `aws:").append(segment).append(":...` | `").append(AwsServiceTable.principalOf(service))
                        .append("` |\n"));
        new java.util.TreeMap<>(AwsServiceTable.CONTEXT_KEYS).forEach((key, service) ->
                t.append("| `").append(key).append("` | `").append(AwsServiceTable.principalOf(service)).append("` |\n"));
        t.append("\n| caller's role name starts with | service | AI usage category |\n|---|---|---|\n");
        for (AwsServiceTable.RoleRule rule : AwsServiceTable.ROLE_RULES) {
            t.append("| `").append(rule.prefix()).append("` | `").append(AwsServiceTable.principalOf(rule.service()))
                    .append("` | ").append(rule.category().map(Enum::name).orElse("—")).append(" |\n");
        }
        t.append("\n| service | context key (after `aws:<service>:`) contains | AI usage category |\n|---|---|---|\n");
        for (AwsServiceTable.CategoryRule rule : AwsServiceTable.CATEGORY_RULES) {
            t.append("| `").append(rule.service()).append("` | ")
                    .append(rule.words().stream().map(w -> "`" + w + "`").collect(Collectors.joining(", ")))
                    .append(" | ").append(rule.category().name()).append(" |\n");
        }
        new java.util.TreeMap<>(AwsServiceTable.SERVICE_CATEGORIES).forEach((service, category) ->
                t.append("| `").append(service).append("` | (any use) | ").append(category.name()).append(" |\n"));
        t.append("| any | tag `").append(AiUsageCategory.TAG).append("` = ")
                .append(Arrays.stream(AiUsageCategory.values()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-')).collect(Collectors.joining(", ")))
                .append(" | as declared |\n");
        return t.toString();
    }
}
