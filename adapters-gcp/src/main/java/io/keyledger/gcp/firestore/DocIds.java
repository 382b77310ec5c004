package io.keyledger.gcp.firestore;

import java.nio.charset.StandardCharsets;

/**
 * Document ids from KeyLedger's ids. Firestore ids cannot hold '/', cannot be "." or "..", cannot look like
 * {@code __x__}, and are at most 1500 bytes; key ids hold '/' (ARNs, Google resource names). So '%' and '/' are
 * percent-encoded, a reserved form gets its first character encoded, and an id too long is refused by name. The
 * encoding is one to one: two ids never share a document. The real id is always kept in a field beside it.
 */
final class DocIds {

    /** Firestore's limit on a document id, in bytes. */
    static final int LIMIT = 1500;

    private DocIds() {
    }

    static String of(String id, String what) {
        if (id.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty: it cannot name a Firestore document");
        }
        String encoded = id.replace("%", "%25").replace("/", "%2F");
        if (encoded.equals(".") || encoded.equals("..") || (encoded.startsWith("__") && encoded.endsWith("__"))) {
            encoded = String.format("%%%02X", (int) encoded.charAt(0)) + encoded.substring(1);
        }
        int bytes = encoded.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > LIMIT) {
            throw new IllegalArgumentException(what + " '" + id.substring(0, Math.min(80, id.length())) + "...' is "
                    + bytes + " bytes as a document id, over Firestore's limit of " + LIMIT);
        }
        return encoded;
    }
}
