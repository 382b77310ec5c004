package io.keyledger.azure.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tables of docs/providers/azure.md are generated from the code's own mapping data (AuditOperation,
 * EventGridType, ActivityOperation, KeyCondition, CallerServices), so that they cannot drift. To rewrite
 * them after a change of the mapping:
 * {@code mvn -B -o test -pl adapters-azure -Dtest=AzureMappingDocTest -Dkeyledger.regenerateDocs=true}.
 */
class AzureMappingDocTest {

    static final Path DOC = Path.of("..", "docs", "providers", "azure.md");

    static Map<String, String> sections() {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("azure-states", states());
        sections.put("azure-operations", operations());
        sections.put("azure-usage", usage());
        return sections;
    }

    static String states() {
        List<String> rows = new ArrayList<>();
        rows.add("| condition (first that holds) | lifecycle state | native state |");
        rows.add("|---|---|---|");
        for (KeyCondition c : KeyCondition.values()) {
            rows.add(row(c.condition(), c.state().name(), c.nativeStateText()));
        }
        return String.join("\n", rows);
    }

    static String operations() {
        List<String> rows = new ArrayList<>();
        rows.add("| input | native operation | becomes | state, native state, attributes / reason |");
        rows.add("|---|---|---|---|");
        List<MappingRow> all = new ArrayList<>(AuditOperation.rows());
        all.addAll(EventGridType.rows());
        all.addAll(ActivityOperation.rows());
        for (MappingRow r : all) {
            rows.add(row(r.input(), "`" + r.operation() + "`", r.outcome(), r.effect()));
        }
        return String.join("\n", rows);
    }

    static String usage() {
        List<String> rows = new ArrayList<>();
        rows.add("| signal | match | service | AI | AI categories |");
        rows.add("|---|---|---|---|---|");
        for (CallerServices.Rule r : CallerServices.rules()) {
            rows.add(row(r.signal().name(), "`" + r.match() + "`", r.service().name(), r.service().ai() ? "yes" : "",
                    r.service().categories().stream().map(Enum::name).collect(Collectors.joining(", "))));
        }
        return String.join("\n", rows);
    }

    private static String row(String... cells) {
        return "| " + Arrays.stream(cells)
                .map(c -> c.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;"))
                .collect(Collectors.joining(" | ")) + " |";
    }

    static String begin(String name) {
        return "<!-- generated:" + name + ":begin -->";
    }

    static String end(String name) {
        return "<!-- generated:" + name + ":end -->";
    }

    @Test
    void theDocsTablesAreTheCodesMapping() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("keyledger.regenerateDocs")) {
            for (Map.Entry<String, String> s : sections().entrySet()) {
                doc = replace(doc, s.getKey(), s.getValue());
            }
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> s : sections().entrySet()) {
            assertThat(section(doc, s.getKey()))
                    .as("section " + s.getKey() + " of " + DOC + " (regenerate: see this test's javadoc)")
                    .isEqualTo(s.getValue());
        }
    }

    @Test
    void everyOperationNamedInTheTableResolvesToItsOwnEntry() {
        for (AuditOperation op : AuditOperation.values()) {
            String name = op.nativeName().replace("*", "SomethingNew");
            assertThat(AuditOperation.of(name)).as(name).isEqualTo(op);
            assertThat(AuditOperation.of(name.toUpperCase(Locale.ROOT))).isEqualTo(op);
        }
        for (EventGridType type : EventGridType.values()) {
            String name = type.eventType().replace("*", "SomethingNew");
            assertThat(EventGridType.of(name)).as(name).isEqualTo(type);
        }
    }

    private static String section(String doc, String name) {
        int from = doc.indexOf(begin(name));
        int to = doc.indexOf(end(name));
        assertThat(from).as("marker " + begin(name) + " in " + DOC).isNotNegative();
        assertThat(to).as("marker " + end(name) + " in " + DOC).isGreaterThan(from);
        return doc.substring(from + begin(name).length(), to).strip();
    }

    private static String replace(String doc, String name, String table) {
        int from = doc.indexOf(begin(name));
        int to = doc.indexOf(end(name));
        if (from < 0 || to < from) {
            throw new IllegalStateException("no markers " + begin(name) + " / " + end(name) + " in " + DOC);
        }
        return doc.substring(0, from + begin(name).length()) + "\n" + table + "\n" + doc.substring(to);
    }
}
