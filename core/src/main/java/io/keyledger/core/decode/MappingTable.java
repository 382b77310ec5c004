package io.keyledger.core.decode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A markdown table of a provider's documentation, generated from the code's own tables: a header, then
 * rows of {@link Mapping}s or of plain cells. Cells are escaped for markdown: {@code |} everywhere,
 * {@code <} and {@code >} outside code spans (so that {@code keys/<name>} shows, and {@code `tag.<key>`}
 * stays as written).
 */
public final class MappingTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private boolean nativeAsCode;

    private MappingTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public static MappingTable of(String... header) {
        return new MappingTable(List.of(header));
    }

    /** Shows native values as code ({@code `ENABLED`}). */
    public MappingTable nativeAsCode() {
        nativeAsCode = true;
        return this;
    }

    /** A row of cells, one per column. */
    public MappingTable row(String... cells) {
        return row(List.of(cells));
    }

    /**
     * A row per mapping: its native value, the cells of its value, and its note when the table has a column
     * left for it.
     */
    public <V> MappingTable rows(Collection<Mapping<V>> mappings, Function<V, List<String>> cells) {
        for (Mapping<V> m : mappings) {
            List<String> row = new ArrayList<>();
            row.add(nativeAsCode ? "`" + m.nativeValue() + "`" : m.nativeValue());
            row.addAll(cells.apply(m.value()));
            if (row.size() < header.size()) {
                row.add(m.note());
            }
            row(row);
        }
        return this;
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        out.append("|").append("---|".repeat(header.size())).append('\n');
        rows.forEach(r -> line(out, r.stream().map(MappingTable::escaped).toList()));
        return out.toString();
    }

    private MappingTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells in a table of " + header.size()
                    + " columns: " + cells);
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String escaped(String cell) {
        StringBuilder out = new StringBuilder(cell.length());
        boolean code = false;
        for (char c : cell.toCharArray()) {
            if (c == '`') {
                code = !code;
            }
            out.append(c == '|' ? "\\|" : c == '<' && !code ? "&lt;" : c == '>' && !code ? "&gt;" : String.valueOf(c));
        }
        return out.toString();
    }
}
