package io.keyledger.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors: the last key of the previous page, base64url-encoded so that callers treat
 * it as a token rather than an id to edit.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid page cursor '" + cursor + "'");
        }
    }

    public static String encode(long lastSequence) {
        return encode(Long.toString(lastSequence));
    }

    public static long decodeSequence(String cursor) {
        String text = decode(cursor);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid page cursor '" + cursor + "'");
        }
    }
}
