package io.keyledger.local.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints items as left-aligned columns separated by two spaces, with an upper-case header row. */
final class Table {

    private Table() {
    }

    static <T> void print(PrintWriter out, List<Column<T>> columns, List<T> items) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toList());
        for (T item : items) {
            rows.add(columns.stream().map(c -> printable(c.cell().apply(item))).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * Cell text fit for a terminal: values come from cloud logs (tags, descriptions) and could carry
     * escape sequences or line breaks, which would garble or forge the output.
     */
    static String printable(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
