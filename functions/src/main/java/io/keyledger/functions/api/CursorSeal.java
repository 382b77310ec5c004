package io.keyledger.functions.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates the page cursors the API hands out: each carries an HMAC-SHA256 tag over the listing it
 * belongs to ({@code GET /keys}, or one key's ledger), the tenant, and the store's own cursor. An edited
 * cursor, or one of another tenant or another listing, is refused (400) before any store reads it.
 *
 * <p>With a secret key (the local server keeps one in its home) a caller cannot forge a cursor at all;
 * {@link #integrityOnly()} uses a key that is not secret, so its tags catch edits and reuse across tenants
 * and listings but not a forger who knows the key (who gains nothing: every store read is scoped to the
 * caller's tenant anyway).
 */
public final class CursorSeal {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int TAG_BYTES = 16;

    private final SecretKeySpec key;
    /** A Mac is not thread-safe, and looking one up and keying it costs more than the tag: one per thread. */
    private final ThreadLocal<Mac> macs;

    public CursorSeal(byte[] key) {
        if (Objects.requireNonNull(key, "key").length < 16) {
            throw new IllegalArgumentException("a cursor key has at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::keyedMac);
    }

    /** A new random key, valid for as long as this instance lives. */
    public static CursorSeal random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new CursorSeal(key);
    }

    /** How many bytes a deployment's key has at least: as many as the HMAC's output. */
    public static final int SETTING_BYTES = 32;

    /**
     * The key of a deployment's setting ({@code KEYLEDGER_CURSOR_KEY}), shared by all its instances: base64 of at
     * least {@value #SETTING_BYTES} random bytes, as {@code openssl rand -base64 32} prints them.
     *
     * @throws IllegalArgumentException saying what is expected, never quoting the value
     */
    public static CursorSeal fromSetting(String base64) {
        byte[] key;
        try {
            String text = base64.trim();
            key = text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length < SETTING_BYTES) {
            throw new IllegalArgumentException("expected base64 of at least " + SETTING_BYTES + " random bytes, such as "
                    + "'openssl rand -base64 32' prints (value not shown)");
        }
        return new CursorSeal(key);
    }

    /** The same key in every process: for deployments that share no secret between their instances. */
    public static CursorSeal integrityOnly() {
        return new CursorSeal("keyledger page cursor integrity".getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor handed to the caller. */
    public String seal(String listing, String tenant, String storeCursor) {
        return storeCursor + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag(listing, tenant, storeCursor));
    }

    /** The store's cursor inside a cursor this seal handed out for this listing and tenant; empty for any other. */
    public Optional<String> open(String listing, String tenant, String cursor) {
        int dot = cursor.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String storeCursor = cursor.substring(0, dot);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(given, tag(listing, tenant, storeCursor)) ? Optional.of(storeCursor)
                : Optional.empty();
    }

    private byte[] tag(String listing, String tenant, String storeCursor) {
        // doFinal leaves the Mac keyed and reset for the next tag
        Mac mac = macs.get();
        mac.update((listing + '\0' + tenant + '\0' + storeCursor).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
