package io.keyledger.gcp.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.DocumentSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Field values as the store writes and reads them.
 *
 * <p>Every document kind has a fixed set of fields, and every write writes all of them, absent values as null:
 * the emulator's {@code set} merges into the stored document instead of replacing it, so a field left out would
 * survive there (docs/gcp/FIRESTORE.md, "What the emulator lacks").
 */
final class Fields {

    /** The exact expiry, as fixed-width text that sorts as the instant does: what reads compare with the clock. */
    static final String EXPIRY = "expiry";
    /** The expiry as a timestamp, at or after the exact one, for the database's time-to-live policies. */
    static final String EXPIRE_AT = "expireAt";

    /** JSON bodies longer than this many bytes are kept gzip-compressed, as the DynamoDB store keeps them. */
    static final int COMPRESS_ABOVE = 2048;
    private static final String GZIP_SUFFIX = "Gz";

    private static final DateTimeFormatter TIME_KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant FIRST_KEYED = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_KEYED = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** Firestore's timestamps end here; a later expiry is kept exactly but left to the scheduled purge. */
    private static final Instant LAST_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Fields() {
    }

    static String text(DocumentSnapshot doc, String field) {
        String v = doc.getString(field);
        if (v == null) {
            throw new IllegalStateException("stored document " + doc.getReference().getPath()
                    + " has no text field '" + field + "'");
        }
        return v;
    }

    static Optional<String> optionalText(DocumentSnapshot doc, String field) {
        return Optional.ofNullable(doc.getString(field));
    }

    static long number(DocumentSnapshot doc, String field) {
        Long v = doc.getLong(field);
        if (v == null) {
            throw new IllegalStateException("stored document " + doc.getReference().getPath()
                    + " has no number field '" + field + "'");
        }
        return v;
    }

    // --- bodies: JSON text, compressed when long ---

    /** Puts {@code json} as text field {@code name}, or gzip-compressed as bytes field {@code name + "Gz"}. */
    static void putBody(Map<String, Object> fields, String name, String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= COMPRESS_ABOVE) {
            fields.put(name, json);
            fields.put(name + GZIP_SUFFIX, null);
        } else {
            fields.put(name, null);
            fields.put(name + GZIP_SUFFIX, Blob.fromBytes(gzip(utf8)));
        }
    }

    static String body(DocumentSnapshot doc, String name) {
        String plain = doc.getString(name);
        if (plain != null) {
            return plain;
        }
        Blob packed = doc.getBlob(name + GZIP_SUFFIX);
        if (packed != null) {
            return new String(gunzip(packed.toBytes()), StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("stored document " + doc.getReference().getPath() + " has no field '"
                + name + "'");
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] data) {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return gz.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("stored compressed body is not readable", e);
        }
    }

    // --- instants ---

    /** A fixed-width ISO-8601 text of the instant that sorts as the instant does (years 0000 to 9999). */
    static String timeKey(Instant at, String field) {
        if (at.isBefore(FIRST_KEYED) || at.isAfter(LAST_KEYED)) {
            throw new IllegalArgumentException(field + " " + at + " is outside the years 0000 to 9999");
        }
        return TIME_KEY.format(at);
    }

    static Instant fromTimeKey(String key) {
        return Instant.parse(key);
    }

    /**
     * Writes the exact expiry and the time-to-live timestamp ({@code grace} later, rounded up to Firestore's
     * microseconds so that it never comes before the exact expiry), or nulls for no expiry: a document under
     * legal hold has no {@code expireAt} and the time-to-live policies never delete it.
     */
    static void putExpiry(Map<String, Object> fields, Optional<Instant> expiry, Duration grace, String what) {
        fields.put(EXPIRY, expiry.map(at -> timeKey(at, "expiry of " + what)).orElse(null));
        fields.put(EXPIRE_AT, expiry.map(at -> ttl(at.plus(grace))).orElse(null));
    }

    private static Timestamp ttl(Instant at) {
        Instant micros = at.getNano() % 1000 == 0 ? at : at.plusNanos(1000 - at.getNano() % 1000);
        Instant capped = micros.isAfter(LAST_TIMESTAMP) ? LAST_TIMESTAMP : micros;
        return Timestamp.ofTimeSecondsAndNanos(capped.getEpochSecond(), capped.getNano());
    }

    static Optional<Instant> expiry(DocumentSnapshot doc) {
        return optionalText(doc, EXPIRY).map(Fields::fromTimeKey);
    }

    /** Whether the document's expiry is at or before {@code now}. */
    static boolean expired(DocumentSnapshot doc, Instant now) {
        return expiry(doc).map(at -> !at.isAfter(now)).orElse(false);
    }

    /** A sequence number as fixed-width text, so that document ids sort numerically. */
    static String sequenceKey(long sequence) {
        return String.format("%020d", sequence);
    }
}
