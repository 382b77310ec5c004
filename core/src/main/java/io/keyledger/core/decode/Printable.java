package io.keyledger.core.decode;

/**
 * Text from an input made safe to print in a message: control characters (an escape sequence in a log
 * field could retitle or rewrite the reader's terminal), bidirectional overrides (which reorder what is
 * shown) and lone surrogates become visible {@code \\u001B}-style escapes, and a long value is cut.
 */
public final class Printable {

    /** The most characters of one value a message shows. */
    public static final int MAX_SHOWN = 200;

    /** The most characters of one message. */
    public static final int MAX_MESSAGE = 1000;

    private Printable() {
    }

    /** The text with every unsafe character escaped, whole. */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(text, i)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A value quoted in a message: escaped and cut to {@link #MAX_SHOWN} characters, saying how many were left out. */
    public static String value(String text) {
        String shown = text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN);
        String escaped = of(shown);
        return text.length() <= MAX_SHOWN ? escaped
                : escaped + "... (" + (text.length() - MAX_SHOWN) + " more characters)";
    }

    /** A message built from input values: escaped, and cut at {@link #MAX_MESSAGE} characters. */
    public static String message(String text) {
        if (text == null) {
            return "";
        }
        String escaped = of(text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE));
        return text.length() <= MAX_MESSAGE ? escaped : escaped + "... (" + (text.length() - MAX_MESSAGE) + " more characters)";
    }

    /** A multi-line message: each line escaped, the line breaks kept. */
    public static String lines(String text) {
        if (text == null || firstUnsafe(text.replace('\n', ' ')) < 0) {
            return text == null ? "" : text;
        }
        String[] parts = text.split("\n", -1);
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append('\n');
            }
            b.append(of(parts[i]));
        }
        return b.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return true;
        }
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                || c == 0x061C) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
