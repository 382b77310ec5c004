package io.keyledger.azure.format;

import io.keyledger.core.decode.Mapping;
import io.keyledger.core.decode.MappingTable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The mapping tables of docs/providers/azure.md, generated from the code's own mapping data
 * ({@link KeyCondition}, {@link AuditOperation}, {@link EventGridType}, {@link ActivityOperation},
 * {@link CallerServices}) so that they cannot drift. Each table sits between
 * {@code <!-- generated:NAME:begin -->} and {@code <!-- generated:NAME:end -->}.
 */
public final class AzureMappingTables {

    private AzureMappingTables() {
    }

    /** Every generated section, by name. */
    public static Map<String, String> sections() {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("azure-states", states());
        sections.put("azure-operations", operations());
        sections.put("azure-usage", usage());
        return sections;
    }

    static String states() {
        return MappingTable.of("condition (first that holds)", "lifecycle state", "native state")
                .rows(Arrays.stream(KeyCondition.values()).map(KeyCondition::mapping).toList(),
                        state -> List.of(state.name()))
                .markdown();
    }

    static String operations() {
        MappingTable t = MappingTable.of("input", "native operation", "becomes",
                "state, native state, attributes / reason");
        channel(t, "AuditEvent", AuditOperation.values(), AuditOperation::mapping);
        channel(t, "Event Grid / CloudEvents", EventGridType.values(), EventGridType::mapping);
        channel(t, "Activity Log", ActivityOperation.values(), ActivityOperation::mapping);
        return t.markdown();
    }

    private static <T> void channel(MappingTable t, String input, T[] entries, Function<T, Mapping<String>> mapping) {
        for (T entry : entries) {
            Mapping<String> m = mapping.apply(entry);
            t.row(input, "`" + m.nativeValue() + "`", m.value(), m.note());
        }
    }

    static String usage() {
        MappingTable t = MappingTable.of("signal", "match", "service", "AI", "AI categories");
        for (CallerServices.Rule r : CallerServices.rules()) {
            t.row(r.signal().name(), "`" + r.match() + "`", r.service().name(), r.service().ai() ? "yes" : "",
                    r.service().categories().stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        return t.markdown();
    }
}
