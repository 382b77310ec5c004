package io.keyledger.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.LifecycleState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The providers' mapping tables: rows of mappings rendered as markdown, and spliced into their documents. */
class MappingTableTest {

    private static final List<Mapping<LifecycleState>> STATES = List.of(
            new Mapping<>("Enabled", LifecycleState.ACTIVE, ""),
            new Mapping<>("PendingDeletion", LifecycleState.DEACTIVATED, "with destructionScheduledAt"));

    @Test
    void mappingsRenderAsRowsOfTheirNativeValueCellsAndNote() {
        String table = MappingTable.of("KMS `KeyState`", "lifecycle state", "notes")
                .rows(STATES, state -> List.of(state.name()))
                .row("(deleted)", "DESTROYED", "no KeyState")
                .markdown();

        assertThat(table).isEqualTo("""
                | KMS `KeyState` | lifecycle state | notes |
                |---|---|---|
                | Enabled | ACTIVE |  |
                | PendingDeletion | DEACTIVATED | with destructionScheduledAt |
                | (deleted) | DESTROYED | no KeyState |
                """);
    }

    @Test
    void aTableWithoutANotesColumnLeavesTheNoteOutAndNativeValuesMayShowAsCode() {
        String table = MappingTable.of("state", "lifecycle").nativeAsCode()
                .rows(STATES, state -> List.of(state.name()))
                .markdown();

        assertThat(table).contains("| `Enabled` | ACTIVE |\n").doesNotContain("destructionScheduledAt");
    }

    @Test
    void cellsAreEscapedForMarkdownButCodeIsLeftAsWritten() {
        String table = MappingTable.of("a", "b").row("keys/<name> | x", "`tag.<key>` and <b>").markdown();

        assertThat(table).endsWith("| keys/&lt;name&gt; \\| x | `tag.<key>` and &lt;b&gt; |\n");
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> MappingTable.of("a", "b").row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells in a table of 2 columns");
    }

    @Test
    void anEnumEntryIsFoundByTheNameTheProviderWrites() {
        assertThat(Mapping.entryNamed(LifecycleState.class, "ACTIVE")).contains(LifecycleState.ACTIVE);
        assertThat(Mapping.entryNamed(LifecycleState.class, "active")).isEmpty();
        assertThat(Mapping.entryNamed(LifecycleState.class, null)).isEmpty();
    }

    @Test
    void generatedSectionsAreFoundAndReplacedBetweenTheirMarkers() {
        String doc = """
                # Doc
                <!-- generated:states:begin -->
                old
                <!-- generated:states:end -->
                text
                <!-- generated:other:begin -->
                kept
                <!-- generated:other:end -->
                """;

        String spliced = GeneratedSections.splice(doc, Map.of("states", "| new |\n"));

        assertThat(spliced).isEqualTo(doc.replace("old\n", "| new |\n"));
        assertThat(GeneratedSections.in(spliced)).containsExactly(Map.entry("states", "| new |\n"),
                Map.entry("other", "kept\n"));
        assertThat(GeneratedSections.splice(spliced, Map.of("states", "| new |\n"))).isEqualTo(spliced);
    }

    @Test
    void aSectionTheDocumentLacksIsRefusedNamingItsMarkers() {
        assertThatThrownBy(() -> GeneratedSections.splice("# nothing here", Map.of("states", "x\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the document has no section <!-- generated:states:begin --> ... "
                        + "<!-- generated:states:end -->");
        assertThatThrownBy(() -> GeneratedSections.splice("<!-- generated:states:begin -->\nx\n", Map.of("states", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
