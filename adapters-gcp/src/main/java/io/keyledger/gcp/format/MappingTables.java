package io.keyledger.gcp.format;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The mapping tables of docs/providers/gcp.md, generated from the code's own tables ({@link KmsMethod},
 * {@link GoogleVersionState}, {@link KeyPurpose}, {@link KeyAlgorithms}, {@link GoogleProtectionLevel},
 * {@link ServiceAgents}) so that the documentation cannot drift from what the decoders do. Each table
 * sits between {@code <!-- generated:NAME:begin -->} and {@code <!-- generated:NAME:end -->}.
 */
public final class MappingTables {

    private MappingTables() {
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

    /** The document with every generated section replaced by what the code says now. */
    public static String apply(String document) {
        String doc = document;
        for (Map.Entry<String, String> section : sections().entrySet()) {
            String begin = "<!-- generated:" + section.getKey() + ":begin -->";
            String end = "<!-- generated:" + section.getKey() + ":end -->";
            int from = doc.indexOf(begin);
            int to = doc.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("the document has no section " + begin + " ... " + end);
            }
            doc = doc.substring(0, from + begin.length()) + "\n" + section.getValue() + doc.substring(to);
        }
        return doc;
    }

    static String operations() {
        StringBuilder b = new StringBuilder("| Method | Audit log | KeyLedger | Recorded |\n|---|---|---|---|\n");
        for (KmsMethod m : KmsMethod.values()) {
            b.append("| `").append(m.nativeName()).append("` | ").append(m.log().label()).append(" | ")
                    .append(m.actions()).append(" | ").append(m.rule()).append(" |\n");
        }
        b.append("| any other method | either | UNCLASSIFIED | on the key its resourceName names; Ignored if it "
                + "names none |\n");
        return b.toString();
    }

    static String versionStates() {
        StringBuilder b = new StringBuilder("| Google version state | Lifecycle state | Note |\n|---|---|---|\n");
        for (GoogleVersionState s : GoogleVersionState.values()) {
            b.append("| `").append(s.name()).append("` | ").append(s.lifecycle().name()).append(" | ")
                    .append(s.note()).append(" |\n");
        }
        return b.toString();
    }

    static String purposes() {
        StringBuilder b = new StringBuilder("| Purpose | kind | keyUsage |\n|---|---|---|\n");
        for (KeyPurpose p : KeyPurpose.values()) {
            b.append("| `").append(p.name()).append("` | ").append(p.kind().name()).append(" | ")
                    .append(p.usage().name()).append(" |\n");
        }
        return b.toString();
    }

    static String algorithms() {
        StringBuilder b = new StringBuilder("| CryptoKeyVersionAlgorithm (nativeSpec) | algorithm |\n|---|---|\n");
        for (String a : KeyAlgorithms.DOCUMENTED) {
            b.append("| `").append(a).append("` | ").append(KeyAlgorithms.normalise(a)).append(" |\n");
        }
        return b.toString();
    }

    static String protectionLevels() {
        StringBuilder b = new StringBuilder("| protectionLevel | protection | origin (unless imported) |\n"
                + "|---|---|---|\n");
        for (GoogleProtectionLevel p : GoogleProtectionLevel.values()) {
            b.append("| `").append(p.name()).append("` | ").append(p.protection().name()).append(" | ")
                    .append(p.origin().name()).append(" |\n");
        }
        return b.toString();
    }

    static String serviceAgents() {
        StringBuilder b = new StringBuilder("| Service agent e-mail domain | Service | Attribute | AI categories |\n"
                + "|---|---|---|---|\n");
        for (ServiceAgents.Agent a : ServiceAgents.all()) {
            String categories = a.categories().stream().sorted(Comparator.naturalOrder()).map(Enum::name)
                    .collect(Collectors.joining(", "));
            b.append("| `").append(a.domain()).append("` | ").append(a.label()).append(" (`").append(a.service())
                    .append("`) | ").append(a.ai() ? "usage.aiService" : "usage.service").append(" | ")
                    .append(categories.isEmpty() ? "—" : categories).append(" |\n");
        }
        return b.toString();
    }
}
