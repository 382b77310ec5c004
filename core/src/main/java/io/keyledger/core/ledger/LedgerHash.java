package io.keyledger.core.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The canonical form of a ledger record and its SHA-256 hash (written down in docs/LEDGER.md):
 * the UTF-8 bytes of these lines joined by '\n', payload last and verbatim:
 * <pre>
 * keyledger-ledger-v1
 * tenant
 * sequence (decimal)
 * recordedAt (ISO-8601, UTC, as Instant.toString)
 * type
 * keyId (empty line if none)
 * previousHash
 * payload
 * </pre>
 * Every field but the payload is free of line breaks (tenant and key ids are validated), so the form is
 * unambiguous.
 */
public final class LedgerHash {

    /** previousHash of a tenant's first record. */
    public static final String GENESIS = "0".repeat(64);

    static final String FORMAT = "keyledger-ledger-v1";

    private LedgerHash() {
    }

    public static String of(String tenant, long sequence, Instant recordedAt, LedgerEntryType type,
                            Optional<String> keyId, String payload, String previousHash) {
        String canonical = String.join("\n", FORMAT, tenant, Long.toString(sequence), recordedAt.toString(),
                type.name(), keyId.orElse(""), previousHash, payload);
        return sha256Hex(canonical);
    }

    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
