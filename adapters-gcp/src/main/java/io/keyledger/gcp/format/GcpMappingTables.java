package io.keyledger.gcp.format;

import io.keyledger.core.decode.MappingTable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The mapping tables of docs/providers/gcp.md, generated from the code's own tables ({@link KmsMethod},
 * {@link GoogleVersionState}, {@link KeyPurpose}, {@link KeyAlgorithms}, {@link GoogleProtectionLevel},
 * {@link ServiceAgents}) so that the documentation cannot drift from what the decoders do. Each table
 * sits between {@code <!-- generated:NAME:begin -->} and {@code <!-- generated:NAME:end -->}.
 */
public final class GcpMappingTables {

    private GcpMappingTables() {
    }

    /** Every generated section, by name. */
    public static Map<String, String> sections() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("operations", operations());
        out.put("version-states", versionStates());
        out.put("purposes", purposes());
        out.put("algorithms", algorithms());
        out.put("protection-levels", protectionLevels());
        out.put("service-agents", serviceAgents());
        return out;
    }

    static String operations() {
        MappingTable t = MappingTable.of("Method", "Audit log", "KeyLedger", "Recorded");
        for (KmsMethod m : KmsMethod.values()) {
            t.row(code(m.nativeName()), m.log().label(), m.actions(), m.rule());
        }
        return t.row("any other method", "either", "UNCLASSIFIED",
                "on the key its resourceName names; Ignored if it names none").markdown();
    }

    static String versionStates() {
        return MappingTable.of("Google version state", "Lifecycle state", "Note").nativeAsCode()
                .rows(Arrays.stream(GoogleVersionState.values()).map(GoogleVersionState::mapping).toList(),
                        state -> List.of(state.name()))
                .markdown();
    }

    static String purposes() {
        MappingTable t = MappingTable.of("Purpose", "kind", "keyUsage");
        for (KeyPurpose p : KeyPurpose.values()) {
            t.row(code(p.name()), p.kind().name(), p.usage().name());
        }
        return t.markdown();
    }

    static String algorithms() {
        MappingTable t = MappingTable.of("CryptoKeyVersionAlgorithm (nativeSpec)", "algorithm");
        for (String a : KeyAlgorithms.DOCUMENTED) {
            t.row(code(a), KeyAlgorithms.normalise(a));
        }
        return t.markdown();
    }

    static String protectionLevels() {
        MappingTable t = MappingTable.of("protectionLevel", "protection", "origin (unless imported)");
        for (GoogleProtectionLevel p : GoogleProtectionLevel.values()) {
            t.row(code(p.name()), p.protection().name(), p.origin().name());
        }
        return t.markdown();
    }

    static String serviceAgents() {
        MappingTable t = MappingTable.of("Service agent e-mail domain", "Service", "Attribute", "AI categories");
        for (ServiceAgents.Agent a : ServiceAgents.all()) {
            String categories = a.categories().stream().sorted(Comparator.naturalOrder()).map(Enum::name)
                    .collect(Collectors.joining(", "));
            t.row(code(a.domain()), a.label() + " (" + code(a.service()) + ")",
                    a.ai() ? "usage.aiService" : "usage.service", categories.isEmpty() ? "—" : categories);
        }
        return t.markdown();
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
