package io.keyledger.local.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** Prints items as RFC 4180 CSV: a header row, fields quoted when they hold a comma, quote or line break. */
final class Csv {

    private Csv() {
    }

    static <T> void print(PrintWriter out, List<Column<T>> columns, List<T> items) {
        out.print(row(columns.stream().map(Column::header).toList()));
        for (T item : items) {
            out.print(row(columns.stream().map(c -> c.cell().apply(item)).toList()));
        }
        out.flush();
    }

    private static String row(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",", "", "\r\n"));
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
