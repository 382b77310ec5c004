package io.keyledger.core.alert;

import java.util.regex.Pattern;

/** Principal patterns: {@code *} matches any run of characters, everything else matches itself. */
final class Globs {

    private Globs() {
    }

    static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.matches(regex.toString(), value);
    }
}
