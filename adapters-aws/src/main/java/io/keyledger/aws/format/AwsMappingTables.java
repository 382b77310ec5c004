package io.keyledger.aws.format;

import io.keyledger.core.decode.MappingTable;
import io.keyledger.core.key.AiUsageCategory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The mapping tables of docs/providers/aws.md, rendered from the code that applies them
 * ({@link KmsOperation}, {@link KmsServiceEvent}, {@link KmsKeyState}, {@link KmsKeySpec}, {@link KmsOrigin},
 * {@link AwsServiceTable}). The doc holds each between {@code <!-- generated:NAME:begin -->} and
 * {@code <!-- generated:NAME:end -->}; a test asserts they are equal, so the doc cannot drift.
 */
public final class AwsMappingTables {

    private static final String NONE = "—";

    private AwsMappingTables() {
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

    static String operations() {
        MappingTable t = MappingTable.of("CloudTrail `eventName`", "becomes", "action", "KeyState after",
                "lifecycle state", "notes");
        for (KmsOperation op : KmsOperation.values()) {
            t.row(op.nativeName(), disposition(op.disposition()), op.action().map(Enum::name).orElse(NONE),
                    op.nativeState().map(KmsKeyState::nativeName).orElse(NONE),
                    op.nativeState().map(s -> s.lifecycle().name())
                            .or(() -> op.action().flatMap(a -> a.resultingState()).map(Enum::name)).orElse(NONE),
                    op.note());
        }
        return t.row("any other KMS `eventName`", "key event", "UNCLASSIFIED", NONE, NONE,
                "kept in history, changes nothing").markdown();
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
        MappingTable t = MappingTable.of("EventBridge `detail-type` (source aws.kms)", "action", "KeyState after",
                "lifecycle state", "notes");
        for (KmsServiceEvent e : KmsServiceEvent.values()) {
            t.row(e.detailType(), e.action().name(), e.nativeState().map(KmsKeyState::nativeName).orElse(NONE),
                    e.nativeState().map(s -> s.lifecycle().name())
                            .or(() -> e.action().resultingState().map(Enum::name)).orElse(NONE),
                    e.note());
        }
        return t.markdown();
    }

    static String keyStates() {
        return MappingTable.of("KMS `KeyState`", "lifecycle state", "notes")
                .rows(Arrays.stream(KmsKeyState.values()).map(KmsKeyState::mapping).toList(),
                        state -> List.of(state.name()))
                .row("(deleted: DeleteKey, KMS CMK Deletion)", "DESTROYED", "no KeyState: the key no longer exists")
                .markdown();
    }

    static String keySpecs() {
        MappingTable t = MappingTable.of("KMS `KeySpec`", "algorithm", "kind");
        for (KmsKeySpec s : KmsKeySpec.values()) {
            t.row(s.name(), s.algorithm(), s.kind().name());
        }
        return t.markdown();
    }

    static String origins() {
        MappingTable t = MappingTable.of("KMS `Origin`", "origin", "protection", "custom key store");
        for (KmsOrigin o : KmsOrigin.values()) {
            t.row(o.name(), o.origin().name(), o.protection().name(), o.customKeyStore() ? "yes" : "no");
        }
        return t.markdown();
    }

    static String usage() {
        String aiServices = new TreeSet<>(AwsServiceTable.AI_SERVICES).stream().map(AwsMappingTables::code)
                .collect(Collectors.joining(", "));
        MappingTable contextKeys = MappingTable.of("encryption context key", "service")
                .row(code("aws:<service>:..."), code("<service>.amazonaws.com"));
        new TreeMap<>(AwsServiceTable.CONTEXT_SEGMENTS).forEach((segment, service) ->
                contextKeys.row(code("aws:" + segment + ":..."), code(AwsServiceTable.principalOf(service))));
        new TreeMap<>(AwsServiceTable.CONTEXT_KEYS).forEach((key, service) ->
                contextKeys.row(code(key), code(AwsServiceTable.principalOf(service))));
        MappingTable roles = MappingTable.of("caller's role name starts with", "service", "AI usage category");
        for (AwsServiceTable.RoleRule rule : AwsServiceTable.ROLE_RULES) {
            roles.row(code(rule.prefix()), code(AwsServiceTable.principalOf(rule.service())),
                    rule.category().map(Enum::name).orElse(NONE));
        }
        MappingTable categories = MappingTable.of("service", "context key (after `aws:<service>:`) contains",
                "AI usage category");
        for (AwsServiceTable.CategoryRule rule : AwsServiceTable.CATEGORY_RULES) {
            categories.row(code(rule.service()),
                    rule.words().stream().map(AwsMappingTables::code).collect(Collectors.joining(", ")),
                    rule.category().name());
        }
        new TreeMap<>(AwsServiceTable.SERVICE_CATEGORIES).forEach((service, category) ->
                categories.row(code(service), "(any use)", category.name()));
        categories.row("any", "tag " + code(AiUsageCategory.TAG) + " = " + Arrays.stream(AiUsageCategory.values())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(", ")),
                "as declared");
        return "AI services (`usage.aiService`): " + aiServices + ".\n\n" + contextKeys.markdown() + "\n"
                + roles.markdown() + "\n" + categories.markdown();
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
