package io.keyledger.azure.tables;

/**
 * Text as it may stand in a partition or row key. Azure Tables refuses {@code / \ # ?} and control
 * characters in keys; key ids hold slashes ({@code arn:...:key/...}, {@code https://.../keys/...}). The
 * encoding keeps the order of what it encodes, so that rows keyed by key id list in key id order:
 * <ul>
 *   <li>printable ASCII up to {@code }} other than {@code # % / ? \} stays as it is;</li>
 *   <li>{@code # % / ? \ ~} become the character before them followed by {@code ~~} ({@code /} is
 *       {@code .~~}): after every text that starts with the character before, before every text that
 *       starts with the character after;</li>
 *   <li>every other character (non-ASCII, controls) becomes {@code ~} and its code point in six hex digits.</li>
 * </ul>
 * Order is kept for every pair of texts without control characters (which no key id holds); controls
 * sort with the non-ASCII characters.
 */
final class KeyText {

    private static final String ESCAPED = "#%/?\\~";

    private KeyText() {
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp <= 0x7E && ESCAPED.indexOf(cp) < 0) {
                out.append((char) cp);
            } else if (cp <= 0x7E && ESCAPED.indexOf(cp) >= 0) {
                out.append((char) (cp - 1)).append("~~");
            } else {
                out.append('~').append(String.format("%06x", cp));
            }
        });
        return out.toString();
    }

    static String decode(String key) {
        StringBuilder out = new StringBuilder(key.length());
        int i = 0;
        while (i < key.length()) {
            char c = key.charAt(i);
            if (c == '~') {
                if (i + 7 > key.length()) {
                    throw new IllegalArgumentException("not an encoded key: '" + key + "'");
                }
                out.appendCodePoint(Integer.parseInt(key.substring(i + 1, i + 7), 16));
                i += 7;
            } else if (key.startsWith("~~", i + 1)) {
                out.append((char) (c + 1));
                i += 3;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
