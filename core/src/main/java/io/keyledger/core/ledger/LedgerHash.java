package io.keyledger.core.ledger;

import io.keyledger.core.json.IsoUtc;
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

    private static final HexFormat HEX = HexFormat.of();

    /** One digest per thread: looking one up among the security providers costs more than hashing a record. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    });

    private LedgerHash() {
    }

    public static String of(String tenant, long sequence, Instant recordedAt, LedgerEntryType type,
                            Optional<String> keyId, String payload, String previousHash) {
        String canonical = String.join("\n", FORMAT, tenant, Long.toString(sequence), IsoUtc.format(recordedAt),
                type.name(), keyId.orElse(""), previousHash, payload);
        return sha256Hex(canonical);
    }

    public static String sha256Hex(String text) {
        return HEX.formatHex(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
