package io.keyledger.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * Writes RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted when it holds a
 * comma, a double quote, CR or LF, and a double quote inside a quoted field doubled.
 *
 * <p>Reports are opened in spreadsheets, and tag values or descriptions are free text that anyone allowed
 * to tag a key can set. A field that a spreadsheet would run as a formula (starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or CR) is therefore prefixed with a single quote.
 */
public final class CsvWriter {

    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    public void row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** One field as written: guarded against formula execution, then quoted if it needs to be. */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = startsLikeAFormula(value) ? "'" + value : value;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return '"' + v.replace("\"", "\"\"") + '"';
            }
        }
        return v;
    }

    private static boolean startsLikeAFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
