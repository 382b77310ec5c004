package io.keyledger.azure.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Event ids for records that carry none (AuditEvent and Activity Log records): a SHA-256 over the fields
 * that identify the call, each trimmed and lower-cased, so that the same record redelivered (through an
 * Event Hub and a storage account, in either field casing) gets the same id.
 */
final class EventIds {

    private EventIds() {
    }

    static String sha256(String kind, String... parts) {
        StringBuilder text = new StringBuilder(kind);
        for (String part : parts) {
            text.append('\n').append(part == null ? "" : part.trim().toLowerCase(Locale.ROOT));
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
