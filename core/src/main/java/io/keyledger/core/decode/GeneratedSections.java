package io.keyledger.core.decode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sections of a document that the code writes: each stands between {@code <!-- generated:NAME:begin -->}
 * (and its line break) and {@code <!-- generated:NAME:end -->}. A documentation test splices what the code
 * says now into the document and fails when that changes it; rerun with the test's write switch to update it.
 */
public final class GeneratedSections {

    private static final Pattern SECTION = Pattern.compile(
            "<!-- generated:([a-z0-9-]+):begin -->\\n(.*?)<!-- generated:\\1:end -->", Pattern.DOTALL);

    private GeneratedSections() {
    }

    public static String begin(String name) {
        return "<!-- generated:" + name + ":begin -->";
    }

    public static String end(String name) {
        return "<!-- generated:" + name + ":end -->";
    }

    /** The generated sections found in a document, by name, in order. */
    public static Map<String, String> in(String document) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(document);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /**
     * {@code document} with each of {@code sections} in place of what its markers hold; other sections stay
     * as they are.
     *
     * @throws IllegalArgumentException naming the markers of a section the document does not have
     */
    public static String splice(String document, Map<String, String> sections) {
        String doc = document;
        for (Map.Entry<String, String> section : sections.entrySet()) {
            String begin = begin(section.getKey()) + "\n";
            int from = doc.indexOf(begin);
            int to = from < 0 ? -1 : doc.indexOf(end(section.getKey()), from);
            if (to < 0) {
                throw new IllegalArgumentException("the document has no section " + begin(section.getKey()) + " ... "
                        + end(section.getKey()));
            }
            doc = doc.substring(0, from + begin.length()) + section.getValue() + doc.substring(to);
        }
        return doc;
    }
}
