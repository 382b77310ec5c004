package io.keyledger.testkit.report;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: records end with CRLF, quoted fields may hold anything. */
public final class CsvParsing {

    private CsvParsing() {
    }

    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean fieldStarted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!fieldStarted && c == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.append(q);
                    i++;
                }
                fieldStarted = true;
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after a closing quote at " + i);
                }
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                i++;
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("bare CR at " + i);
                }
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                i += 2;
            } else if (c == '\n' || c == '"') {
                throw new IllegalArgumentException("unquoted " + (c == '"' ? "quote" : "LF") + " at " + i);
            } else {
                field.append(c);
                fieldStarted = true;
                i++;
            }
        }
        if (fieldStarted || !record.isEmpty()) {
            throw new IllegalArgumentException("last record not ended with CRLF");
        }
        return records;
    }

    /** The records as maps from header name to field. */
    public static List<java.util.Map<String, String>> rows(String text) {
        List<List<String>> records = parse(text);
        List<String> header = records.get(0);
        List<java.util.Map<String, String>> out = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("record of " + r.size() + " fields under a header of " + header.size());
            }
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), r.get(i));
            }
            out.add(m);
        }
        return out;
    }
}
